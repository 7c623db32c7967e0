import { createHash } from 'node:crypto';
import { EncryptionKeyError } from '../persistence/field-cipher';
import type { EncryptionKeyRing } from '../options/encryption-key-ring';

/** Key id of the sandbox-only development key. Values written with it are readable by anyone. */
export const SANDBOX_DEV_KEY_ID = 'sandbox-dev';

/**
 * Parses the environment format of the key ring:
 *   `JUMIO_ENCRYPTION_KEYS=k2:<base64 32 bytes>,k1:<base64 32 bytes>`
 *   `JUMIO_ENCRYPTION_KEY_ID=k2` (optional; default: the first key listed)
 * Messages name the problem and the key id, never a key.
 */
export function parseEncryptionKeys(keysText: string, currentKeyId?: string): EncryptionKeyRing {
  const keys: Record<string, string> = {};
  const entries = keysText
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new EncryptionKeyError('JUMIO_ENCRYPTION_KEYS lists no key');
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    if (separator <= 0) {
      throw new EncryptionKeyError(
        `JUMIO_ENCRYPTION_KEYS entry ${index + 1} must look like "<keyId>:<base64 key>"`,
      );
    }
    const keyId = entry.slice(0, separator);
    if (keyId in keys)
      throw new EncryptionKeyError(`JUMIO_ENCRYPTION_KEYS lists key "${keyId}" twice`);
    keys[keyId] = entry.slice(separator + 1);
  }
  const current = currentKeyId?.trim() || Object.keys(keys)[0];
  return { currentKeyId: current, keys };
}

/**
 * A fixed, publicly known key for the sandbox only, so that the demo starts on a fresh clone with zero
 * configuration and its SQLite file still decrypts after a restart. It protects nothing: the sandbox
 * holds only made-up data. Never used unless the module runs against the sandbox.
 */
export function sandboxDevKeyRing(): EncryptionKeyRing {
  const key = createHash('sha256').update('jumio-sandbox development key: NOT A SECRET').digest();
  return {
    currentKeyId: SANDBOX_DEV_KEY_ID,
    keys: { [SANDBOX_DEV_KEY_ID]: key.toString('base64') },
  };
}

/** What the module encrypts with: the configured ring, or the sandbox key (sandbox only), or an error. */
export function resolveKeyRing(options: {
  encryptionKeys?: EncryptionKeyRing;
  sandbox?: boolean;
}): { keyRing: EncryptionKeyRing; isSandboxDevKey: boolean } {
  if (options.encryptionKeys) return { keyRing: options.encryptionKeys, isSandboxDevKey: false };
  if (options.sandbox) return { keyRing: sandboxDevKeyRing(), isSandboxDevKey: true };
  throw new EncryptionKeyError(
    'JumioModule needs `encryptionKeys` (demo: JUMIO_ENCRYPTION_KEYS) to encrypt personal data at rest; ' +
      "generate a key with `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`",
  );
}

export const SANDBOX_DEV_KEY_WARNING =
  '!!! Personal data is encrypted with the PUBLIC sandbox development key: set encryptionKeys ' +
  '(JUMIO_ENCRYPTION_KEYS) before storing any real data !!!';
