/**
 * Keys that encrypt personal data at rest. They come from configuration (never from the database).
 * Old keys stay in the ring so that values written with them still decrypt; `rotate-keys` re-encrypts them.
 */
export interface EncryptionKeyRing {
  /** Id of the key new values are encrypted with. */
  currentKeyId: string;
  /** Key id → 32-byte AES-256 key, base64. Ids: 1 to 32 characters of A-Z, a-z, 0-9, `_`, `-`. */
  keys: Record<string, string>;
}
