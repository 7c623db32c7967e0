import { createHash } from 'node:crypto';

/** The callback token of seeded transaction `i` (same derivation as the seeding SQL). */
export function benchToken(i: number): string {
  return createHash('sha256').update(`bench-token-${i}`).digest('base64url');
}

/** The Jumio reference of seeded transaction `i`: `md5('bench-ref-' || i)::uuid` in the seeding SQL. */
export function benchReference(i: number): string {
  const hex = createHash('md5').update(`bench-ref-${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
