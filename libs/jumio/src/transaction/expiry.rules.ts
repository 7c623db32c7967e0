import type { ScanTransaction } from '../persistence/scan-transaction.entity';

/** `errorCode` of a transaction this service ended because Jumio will never report on it. */
export const EXPIRED_ERROR_CODE = 'EXPIRED';

/** Jumio ends a capture session after 15 minutes without activity (jumio-api.md §4.2, §5.3). */
export const JUMIO_INACTIVITY_MS = 15 * 60_000;
/**
 * Extra wait past Jumio's own deadline before we give up on a transaction ourselves, so that Jumio's
 * late NO_ID_UPLOADED callback or its FAILED retrieval status (the authoritative ending) can come first.
 */
export const EXPIRY_GRACE_MS = 15 * 60_000;

/**
 * When an unfinished upload (status PENDING) is abandoned for good. Jumio's documented timeouts
 * (§5.3): a web session that never starts ends when its token expires; a started one 15 minutes after
 * its last activity, which is at the latest 15 minutes after the token expires. A mobile session has
 * no token we know of: we use the configured token lifetime from the start as its bound.
 * [UNSURE] §5.3 and §4.2 do not say how long mobile and DV sessions may stay active in total; this
 * reading is the more patient one. Uploaded transactions (status SUCCESS) never expire here: Jumio's
 * result is awaited through retrieval for as long as it takes.
 */
export function expiryDeadline(tx: ScanTransaction, webLinkLifetimeMs: number): Date | null {
  if (tx.status !== 'PENDING' || tx.openKey === null) return null;
  const tokenEnd =
    tx.tokenExpiresAt?.getTime() ?? tx.createdAt.getTime() + webLinkLifetimeMs;
  return new Date(tokenEnd + JUMIO_INACTIVITY_MS + EXPIRY_GRACE_MS);
}
