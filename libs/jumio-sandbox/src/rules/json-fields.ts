import { SandboxHttpError } from '../http/http-io';

interface StringRule {
  required?: boolean;
  max: number;
  /** Allowed shape, with a human description for the error message. */
  pattern?: { regex: RegExp; description: string };
}

interface IntegerRule {
  min?: number;
  max?: number;
}

/** Reads fields of a JSON request body with Jumio's type and length rules; 400 names the field. */
export class JsonFields {
  /** `prefix` names a nested object in messages, e.g. `presets[0].`. */
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  /** The field's full name as error messages show it. */
  path(name: string): string {
    return `${this.prefix}${name}`;
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  string(name: string, rule: StringRule & { required: true }): string;
  string(name: string, rule: StringRule): string | undefined;
  string(name: string, rule: StringRule): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return this.missing(name, rule.required);
    if (typeof value !== 'string') throw invalid(this.path(name), 'must be a string');
    if (value.trim() === '') return this.missing(name, rule.required);
    if (value.length > rule.max)
      throw invalid(this.path(name), `must be at most ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.regex.test(value)) {
      throw invalid(this.path(name), `must be ${rule.pattern.description}`);
    }
    return value;
  }

  integer(name: string, rule: IntegerRule = {}): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw invalid(this.path(name), 'must be an integer');
    }
    if (rule.min !== undefined && value < rule.min)
      throw invalid(this.path(name), `must be at least ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      throw invalid(this.path(name), `must be at most ${rule.max}`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalid(this.path(name), 'must be a boolean');
    return value;
  }

  raw(name: string): unknown {
    return this.body[name];
  }

  private missing(name: string, required: boolean | undefined): undefined {
    if (required) throw invalid(this.path(name), 'is required');
    return undefined;
  }
}

export function invalid(field: string, problem: string): SandboxHttpError {
  return new SandboxHttpError(400, `${field} ${problem}`);
}
