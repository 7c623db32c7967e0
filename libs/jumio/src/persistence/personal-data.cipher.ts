import type { ExtractedData } from '../options/extracted-data';
import { ENCRYPTED_COLUMNS } from './encrypted-columns';
import { FieldCipher } from './field-cipher';

const [EXTRACTED_DATA, CALLBACK_PAYLOAD] = ENCRYPTED_COLUMNS;

/**
 * Callback fields that are links to images (jumio-api.md §5.4, §5.6). Never needed for the decision, so they
 * are dropped before a raw callback is stored at all.
 */
const NETVERIFY_IMAGE_FIELDS = [
  'idScanImage',
  'idScanImageBackside',
  'idScanImageFace',
  'livenessImages',
  'facemap',
];
const NETVERIFY_IMAGE_FIELD_SET: ReadonlySet<string> = new Set(NETVERIFY_IMAGE_FIELDS);
const DOCUMENT_IMAGE_FIELDS = ['images', 'originalDocument'];

/**
 * The only way personal data enters or leaves the database: seals (encrypts, bound to the row) and opens the
 * personal-data columns. Callers pass the row id, which is part of the associated data.
 */
export class PersonalDataCipher {
  constructor(private readonly cipher: FieldCipher) {}

  sealExtractedData(resultId: string, data: ExtractedData | null): string | null {
    if (data === null) return null;
    return this.cipher.encrypt(JSON.stringify(data), this.location(EXTRACTED_DATA, resultId));
  }

  openExtractedData(resultId: string, stored: string | null): ExtractedData | null {
    if (stored === null || stored === '') return null;
    return JSON.parse(
      this.cipher.decrypt(stored, this.location(EXTRACTED_DATA, resultId)),
    ) as ExtractedData;
  }

  /** A raw callback form without its image links, encrypted for its inbox row. */
  sealCallbackPayload(inboxId: string, form: Record<string, unknown>): string {
    return this.cipher.encrypt(
      JSON.stringify(withoutImageLinks(form)),
      this.location(CALLBACK_PAYLOAD, inboxId),
    );
  }

  /** The stored form, or null once it was purged. */
  openCallbackPayload(inboxId: string, stored: string | null): Record<string, unknown> | null {
    if (stored === null || stored === '') return null;
    return JSON.parse(
      this.cipher.decrypt(stored, this.location(CALLBACK_PAYLOAD, inboxId)),
    ) as Record<string, unknown>;
  }

  private location(target: { table: string; column: string }, rowId: string) {
    return { table: target.table, column: target.column, rowId };
  }
}

/** Drops image links, including inside DV's `document` field (a JSON string; kept as is if it does not parse). */
export function withoutImageLinks(form: Record<string, unknown>): Record<string, unknown> {
  // A copy without those fields (not spread-then-delete: deleting turns the copy into a slow dictionary).
  // No prototype, so that a `__proto__` field is copied as a field, as a spread would.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const field of Object.keys(form)) {
    if (!NETVERIFY_IMAGE_FIELD_SET.has(field)) copy[field] = form[field];
  }
  const document = copy.document;
  if (typeof document === 'string') {
    try {
      const parsed: unknown = JSON.parse(document);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const rest = { ...(parsed as Record<string, unknown>) };
        for (const field of DOCUMENT_IMAGE_FIELDS) delete rest[field];
        copy.document = JSON.stringify(rest);
      }
    } catch {
      // Left for the parser to report as INVALID; it is encrypted and purged like any payload.
    }
  } else if (document && typeof document === 'object' && !Array.isArray(document)) {
    const rest = { ...(document as Record<string, unknown>) };
    for (const field of DOCUMENT_IMAGE_FIELDS) delete rest[field];
    copy.document = rest;
  }
  return copy;
}
