import { createHash, hash, randomBytes, randomUUID } from 'node:crypto';

/**
 * References we hand to Jumio are random: they carry no personal data (jumio-api.md §1.3) and reveal
 * nothing about the user or the transaction id.
 */
export function newCustomerInternalReference(): string {
  return randomUUID();
}

/** A fresh per-user reference; reused for the user's later transactions (see ScanTransactionStore). */
export function newUserReference(): string {
  return randomUUID();
}

/** 32 random bytes, base64url (43 characters): the path segment of the transaction's callback URL. */
export function newCallbackToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token. */
export function hashCallbackToken(token: string): string {
  // One-shot (Node ≥ 20.12): no Hash object per callback; same SHA-256 hex as createHash.
  return hash('sha256', token, 'hex');
}

/** Fingerprint of a start request's parameters, so an identical repeat can reuse the open transaction. */
export function fingerprint(parts: Record<string, string | undefined>): string {
  const canonical = JSON.stringify(
    Object.keys(parts)
      .sort()
      .map((key) => [key, parts[key] ?? null]),
  );
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
