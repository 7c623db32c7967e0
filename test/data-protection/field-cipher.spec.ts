import { randomBytes } from 'node:crypto';
import {
  EncryptionKeyError,
  FieldCipher,
  FieldDecryptionError,
} from '@app/jumio/persistence/field-cipher';
import type { EncryptionKeyRing } from '@app/jumio/options/encryption-key-ring';
import {
  parseEncryptionKeys,
  resolveKeyRing,
  SANDBOX_DEV_KEY_ID,
} from '@app/jumio/data-protection/encryption-keys';

const key = () => randomBytes(32).toString('base64');
const here = { table: 'jumio_verification_result', rowId: 'row-1', column: 'extracted_data' };
const SECRET = '{"firstName":"CANARYFIRST","documentNumber":"CANARY123456"}';

/** Replaces one colon-separated part of a stored value. */
function withPart(stored: string, index: number, part: string): string {
  const parts = stored.split(':');
  parts[index] = part;
  return parts.join(':');
}

function flipFirstByte(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('FieldCipher', () => {
  const ring: EncryptionKeyRing = { currentKeyId: 'k1', keys: { k1: key() } };
  const cipher = new FieldCipher(ring);

  it('round-trips a value in the documented v1 format without the plaintext in it', () => {
    const stored = cipher.encrypt(SECRET, here);
    expect(stored).toMatch(/^v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain('CANARY');
    expect(cipher.decrypt(stored, here)).toBe(SECRET);
  });

  it('uses a fresh IV for every value', () => {
    const first = cipher.encrypt(SECRET, here).split(':');
    const second = cipher.encrypt(SECRET, here).split(':');
    expect(first[2]).not.toBe(second[2]);
    expect(first[3]).not.toBe(second[3]);
  });

  it('never repeats an IV across many values (past a refill of the IV pool)', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const stored = cipher.encrypt(`${SECRET}${i}`, here);
      ivs.add(stored.split(':')[2]);
      if (i % 97 === 0) expect(cipher.decrypt(stored, here)).toBe(`${SECRET}${i}`);
    }
    expect(ivs.size).toBe(1_000);
  });

  it('round-trips empty and non-ASCII values', () => {
    expect(cipher.decrypt(cipher.encrypt('', here), here)).toBe('');
    expect(cipher.decrypt(cipher.encrypt('Zoë Ångström 山田', here), here)).toBe(
      'Zoë Ångström 山田',
    );
  });

  it.each([
    ['another row', { ...here, rowId: 'row-2' }],
    ['another column', { ...here, column: 'payload' }],
    ['another table', { ...here, table: 'jumio_callback_inbox' }],
  ])('refuses a value moved to %s', (_what, elsewhere) => {
    const stored = cipher.encrypt(SECRET, here);
    expect(() => cipher.decrypt(stored, elsewhere)).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(stored, elsewhere)).toThrow(/authentication failed/);
  });

  it.each([
    ['ciphertext', 3],
    ['authentication tag', 4],
    ['IV', 2],
  ])('throws, never returns garbage, when the %s is altered', (_part, index) => {
    const stored = cipher.encrypt(SECRET, here);
    const tampered = withPart(stored, index, flipFirstByte(stored.split(':')[index]));
    expect(() => cipher.decrypt(tampered, here)).toThrow(FieldDecryptionError);
  });

  it('throws when the key id label is swapped to another key of the ring', () => {
    const two = new FieldCipher({ currentKeyId: 'k1', keys: { k1: ring.keys.k1, k2: key() } });
    const stored = two.encrypt(SECRET, here);
    expect(() => two.decrypt(withPart(stored, 1, 'k2'), here)).toThrow(FieldDecryptionError);
  });

  it('names the row but never the value in its errors', () => {
    const stored = cipher.encrypt(SECRET, here);
    try {
      cipher.decrypt(stored, { ...here, rowId: 'row-9' });
      throw new Error('should have thrown');
    } catch (error) {
      expect((error as Error).message).toContain(
        'jumio_verification_result.extracted_data of row row-9',
      );
      expect((error as Error).message).not.toContain(stored.split(':')[3]);
    }
  });

  it.each([
    ['plaintext', SECRET],
    ['a truncated value', 'v1:k1:abc'],
    ['an unknown format version', 'v9:k1:a:b:c'],
    ['a short IV', 'v1:k1:AAAA:AAAA:AAAAAAAAAAAAAAAAAAAAAA'],
    ['non-base64 parts', 'v1:k1:!!!:???:***'],
  ])('rejects %s clearly', (_what, stored) => {
    expect(() => cipher.decrypt(stored, here)).toThrow(FieldDecryptionError);
  });

  it('rejects a value written with a key that is not in the ring', () => {
    const other = new FieldCipher({ currentKeyId: 'k9', keys: { k9: key() } });
    expect(() => cipher.decrypt(other.encrypt(SECRET, here), here)).toThrow(
      /key "k9" is not in the key ring/,
    );
  });

  it('still decrypts values of an older key after rotation, and says which need re-encryption', () => {
    const oldStored = cipher.encrypt(SECRET, here);
    const rotated = new FieldCipher({ currentKeyId: 'k2', keys: { k2: key(), k1: ring.keys.k1 } });
    expect(rotated.decrypt(oldStored, here)).toBe(SECRET);
    expect(rotated.needsReencryption(oldStored)).toBe(true);
    const newStored = rotated.encrypt(SECRET, here);
    expect(newStored.startsWith('v1:k2:')).toBe(true);
    expect(rotated.needsReencryption(newStored)).toBe(false);
    expect(rotated.needsReencryption(SECRET)).toBe(true);
  });

  it.each([
    [
      'a key of the wrong size',
      { currentKeyId: 'k1', keys: { k1: randomBytes(16).toString('base64') } },
      /exactly 32 bytes/,
    ],
    [
      'a key that is not base64',
      { currentKeyId: 'k1', keys: { k1: 'not a key!' } },
      /exactly 32 bytes/,
    ],
    [
      'a current key missing from the ring',
      { currentKeyId: 'k2', keys: { k1: key() } },
      /"k2" is not in the key ring/,
    ],
    ['a key id with a colon', { currentKeyId: 'a:b', keys: { 'a:b': key() } }, /key id "a:b"/],
  ])('refuses %s at construction', (_what, keyRing, message) => {
    expect(() => new FieldCipher(keyRing)).toThrow(EncryptionKeyError);
    expect(() => new FieldCipher(keyRing)).toThrow(message);
  });

  it('accepts base64url keys', () => {
    const raw = randomBytes(32);
    const cipherUrl = new FieldCipher({
      currentKeyId: 'k',
      keys: { k: raw.toString('base64url') },
    });
    const cipherStd = new FieldCipher({ currentKeyId: 'k', keys: { k: raw.toString('base64') } });
    expect(cipherStd.decrypt(cipherUrl.encrypt(SECRET, here), here)).toBe(SECRET);
  });
});

describe('encryption key configuration', () => {
  it('parses JUMIO_ENCRYPTION_KEYS with the first key as current by default', () => {
    const [k2, k1] = [key(), key()];
    expect(parseEncryptionKeys(` k2:${k2} , k1:${k1} `)).toEqual({
      currentKeyId: 'k2',
      keys: { k2, k1 },
    });
    expect(parseEncryptionKeys(`k2:${k2},k1:${k1}`, 'k1').currentKeyId).toBe('k1');
  });

  it('reports malformed entries without echoing a key', () => {
    const secret = key();
    expect(() => parseEncryptionKeys(secret)).toThrow(
      /entry 1 must look like "<keyId>:<base64 key>"/,
    );
    expect(() => parseEncryptionKeys(secret)).not.toThrow(secret);
    expect(() => parseEncryptionKeys(`a:${key()},a:${key()}`)).toThrow(/lists key "a" twice/);
    expect(() => parseEncryptionKeys(' , ')).toThrow(/lists no key/);
  });

  it('uses the public development key only in sandbox mode, and refuses to start without keys otherwise', () => {
    const sandbox = resolveKeyRing({ sandbox: true });
    expect(sandbox.isSandboxDevKey).toBe(true);
    expect(sandbox.keyRing.currentKeyId).toBe(SANDBOX_DEV_KEY_ID);
    expect(resolveKeyRing({ sandbox: true }).keyRing).toEqual(sandbox.keyRing);
    expect(() => resolveKeyRing({ sandbox: false })).toThrow(/needs `encryptionKeys`/);
    const configured = { currentKeyId: 'k1', keys: { k1: key() } };
    expect(resolveKeyRing({ encryptionKeys: configured, sandbox: true })).toEqual({
      keyRing: configured,
      isSandboxDevKey: false,
    });
  });
});
