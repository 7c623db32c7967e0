import { randomBytes, randomUUID } from 'node:crypto';

/** Jumio references are UUID-like, 36 characters (jumio-api.md §1.3). */
export function newJumioReference(): string {
  return randomUUID();
}

/** An unguessable token for a hosted capture page URL. */
export function newPageToken(): string {
  return randomBytes(32).toString('base64url');
}
