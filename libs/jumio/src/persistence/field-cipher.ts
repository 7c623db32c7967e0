import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import type { EncryptionKeyRing } from '../options/encryption-key-ring';

/** Where a value lives. Bound into the ciphertext, so a value copied to another row or column fails. */
export interface FieldLocation {
  table: string;
  rowId: string;
  column: string;
}

/** Decryption failed: wrong key, wrong row, or the value was altered. Never carries the value itself. */
export class FieldDecryptionError extends Error {
  constructor(location: FieldLocation, reason: string) {
    super(
      `Cannot decrypt ${location.table}.${location.column} of row ${location.rowId}: ${reason}`,
    );
    this.name = 'FieldDecryptionError';
  }
}

/** The key ring itself is unusable (missing current key, key of the wrong size, bad id). */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

const FORMAT_VERSION = 'v1';
const PREFIX = `${FORMAT_VERSION}:`;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * AES-256-GCM for single column values.
 *
 * Stored format (ASCII, colon-separated, base64url parts):
 *   `v1:<keyId>:<iv>:<ciphertext>:<tag>`
 * - `v1` versions the format itself, so a later scheme can be told apart;
 * - `keyId` names the key of the ring that encrypted it (rotation: old ids still decrypt);
 * - `iv` is 12 random bytes, fresh for every value (GCM must never reuse an IV with one key);
 * - `tag` is GCM's 16-byte authentication tag.
 * The associated data is `jumio:v1:<keyId>:<table>:<rowId>:<column>`: the value only decrypts in the row and
 * column it was written for, and tampering with any part makes decryption throw (never return garbage).
 */
export class FieldCipher {
  /** Imported once: a raw key Buffer would be imported again by every createCipheriv. */
  private readonly keys = new Map<string, KeyObject>();
  readonly currentKeyId: string;

  constructor(keyRing: EncryptionKeyRing) {
    for (const [keyId, base64] of Object.entries(keyRing.keys)) {
      if (!KEY_ID.test(keyId)) {
        throw new EncryptionKeyError(
          `Encryption key id "${keyId}" must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -`,
        );
      }
      const key = Buffer.from(base64, 'base64');
      if (key.length !== KEY_BYTES || key.toString('base64') !== normaliseBase64(base64)) {
        throw new EncryptionKeyError(
          `Encryption key "${keyId}" must be exactly 32 bytes, base64-encoded`,
        );
      }
      this.keys.set(keyId, createSecretKey(key));
    }
    if (!this.keys.has(keyRing.currentKeyId)) {
      throw new EncryptionKeyError(
        `The current encryption key "${keyRing.currentKeyId}" is not in the key ring`,
      );
    }
    this.currentKeyId = keyRing.currentKeyId;
  }

  /** Whether a stored value is in this cipher's format (as opposed to legacy plaintext). */
  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  encrypt(plaintext: string, location: FieldLocation): string {
    const keyId = this.currentKeyId;
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(keyId)!, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(associatedData(keyId, location));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${PREFIX}${keyId}:${iv.toString('base64url')}:${ciphertext.toString('base64url')}:${tag.toString('base64url')}`;
  }

  decrypt(stored: string, location: FieldLocation): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT_VERSION) {
      throw new FieldDecryptionError(location, `not in the ${FORMAT_VERSION} encrypted format`);
    }
    const [, keyId, ivText, ciphertextText, tagText] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new FieldDecryptionError(location, `key "${keyId}" is not in the key ring`);
    if (![ivText, ciphertextText, tagText].every((part) => BASE64URL.test(part))) {
      throw new FieldDecryptionError(location, 'malformed encoding');
    }
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new FieldDecryptionError(location, 'malformed IV or authentication tag');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(keyId, location));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertextText, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new FieldDecryptionError(
        location,
        'authentication failed (altered value, or a value moved from another row or column)',
      );
    }
  }

  /** Whether a stored value should be re-encrypted: legacy plaintext, or written with an older key. */
  needsReencryption(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }
}

/**
 * Random IVs drawn from a pool filled by the CSPRNG 256 IVs at a time: one `randomFillSync` per 256
 * encryptions instead of one `randomBytes` each (which cost more than the AES itself on a callback).
 * Every IV is still 12 fresh random bytes, used once: the pool is refilled, never reread.
 */
const IV_POOL = Buffer.alloc(IV_BYTES * 256);
let ivOffset = IV_POOL.length;

/** The next unused IV (a view into the pool: only valid until the next call, used synchronously). */
function nextIv(): Buffer {
  if (ivOffset === IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

function associatedData(keyId: string, location: FieldLocation): Buffer {
  return Buffer.from(
    `jumio:${FORMAT_VERSION}:${keyId}:${location.table}:${location.rowId}:${location.column}`,
    'utf8',
  );
}

/** Accepts base64 and base64url, with or without padding, and compares canonically. */
function normaliseBase64(text: string): string {
  const standard = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return standard + '='.repeat((4 - (standard.length % 4)) % 4);
}
