/** Jumio's enum-like words as reason tokens: upper case, `_` separated, bounded length. */
export function toReasonToken(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const token = String(value)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return token || undefined;
}
