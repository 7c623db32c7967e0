import { isJumioReference } from '../jumio-reference';
import { CallbackParseError } from '../callback-parse.error';

/** Jumio's status words and type codes: enum-like, short. Anything else is treated as malformed. */
const WORD_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `YYYY-MM-DDThh:mm:ss[.f]Z` in UTC; Jumio sends 0 to 3 fraction digits (jumio-api.md §1.3). Up to 9 are
 * accepted so that a more precise sender does not lose a callback; precision beyond milliseconds is dropped.
 */
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{0,9}))?Z$/;

export function parseJumioTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  // Date.UTC rolls 2021-02-30 over to March: refuse instead of guessing.
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return roundTrips ? date : undefined;
}

/**
 * Reads fields of a form-encoded callback or a decoded JSON object, JSON-decoding nested fields on demand.
 * Errors name the dotted path of the field and never its value.
 */
export class FieldReader {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly path = '',
  ) {}

  /** True when the field carries a value (an empty string counts as absent). */
  has(field: string): boolean {
    const value = this.values[field];
    return value !== undefined && value !== null && value !== '';
  }

  raw(field: string): unknown {
    return this.values[field];
  }

  optionalString(field: string): string | undefined {
    const value = this.values[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') throw this.error(field, 'is not a single text value');
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  requiredString(field: string): string {
    const value = this.optionalString(field);
    if (value === undefined) throw this.error(field, 'is missing');
    return value;
  }

  /** Extracted personal data: Jumio writes `N/A` where it could not read a value (§5.4). */
  dataString(field: string): string | undefined {
    const value = this.optionalString(field);
    return value === undefined || value.toUpperCase() === 'N/A' ? undefined : value;
  }

  optionalWord(field: string): string | undefined {
    const value = this.optionalString(field);
    if (value !== undefined && !WORD_PATTERN.test(value))
      throw this.error(field, 'is not a status word');
    return value;
  }

  requiredWord(field: string): string {
    const value = this.optionalWord(field);
    if (value === undefined) throw this.error(field, 'is missing');
    return value;
  }

  requiredReference(field: string): string {
    const value = this.requiredString(field);
    if (!isJumioReference(value)) throw this.error(field, 'is not shaped like a Jumio reference');
    return value;
  }

  optionalTimestamp(field: string): Date | undefined {
    const value = this.optionalString(field);
    if (value === undefined) return undefined;
    const date = parseJumioTimestamp(value);
    if (!date) throw this.error(field, 'is not a Jumio timestamp');
    return date;
  }

  requiredTimestamp(field: string): Date {
    const date = this.optionalTimestamp(field);
    if (!date) throw this.error(field, 'is missing');
    return date;
  }

  /** A nested object, given either as a JSON string (form callbacks) or as an object (JSON answers). */
  optionalObject(field: string): FieldReader | undefined {
    const value = this.decoded(field);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) throw this.error(field, 'is not a JSON object');
    return new FieldReader(value, this.pathOf(field));
  }

  requiredObject(field: string): FieldReader {
    const reader = this.optionalObject(field);
    if (!reader) throw this.error(field, 'is missing');
    return reader;
  }

  /** One object or an array of objects (Jumio's `rejectReasonDetails`). */
  objectList(field: string): FieldReader[] {
    const value = this.decoded(field);
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, index) => {
      const itemPath = Array.isArray(value) ? `${field}[${index}]` : field;
      if (!isPlainObject(item)) throw this.error(itemPath, 'is not a JSON object');
      return new FieldReader(item, this.pathOf(itemPath));
    });
  }

  error(field: string, problem: string): CallbackParseError {
    return new CallbackParseError(this.pathOf(field), problem);
  }

  private decoded(field: string): unknown {
    const value = this.values[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // The SyntaxError's message quotes the input, which may hold personal data: never surface it.
      throw this.error(field, 'is not valid JSON');
    }
  }

  private pathOf(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
