/**
 * Jumio's own references (transactionReference, scanReference, jumioIdScanReference) are UUID-like strings
 * of at most 36 characters (jumio-api.md §1.3). Anything else is refused before it reaches a URL or a query.
 */
const JUMIO_REFERENCE_PATTERN = /^[A-Za-z0-9-]{1,36}$/;

export function isJumioReference(value: unknown): value is string {
  return typeof value === 'string' && JUMIO_REFERENCE_PATTERN.test(value);
}

/** Human description of the accepted shape, for error messages that must not echo the value. */
export const JUMIO_REFERENCE_SHAPE = "1 to 36 characters of A-Z, a-z, 0-9 and '-'";
