import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { CallbackInboxEntry } from '@app/jumio/persistence/callback-inbox.entity';
import { VerificationResult } from '@app/jumio/persistence/verification-result.entity';
import { FieldCipher } from '@app/jumio/persistence/field-cipher';
import { PersonalDataCipher } from '@app/jumio/persistence/personal-data.cipher';
import { reencryptAll } from '@app/jumio/data-protection/reencrypt-all';
import { EncryptedValuesRepository } from '@app/jumio/persistence/encrypted-values.repository';
import { DATABASE_KINDS, openTestDatabase, type TestDatabaseHandle } from './support/databases';
import { CANARY_DATA, CANARY_DOCUMENT, insertFinishedScan } from './support/rows';

const key = () => randomBytes(32).toString('base64');

describe.each(DATABASE_KINDS)('reencryptAll on %s', (kind) => {
  let db: TestDatabaseHandle;
  const [k1, k2] = [key(), key()];
  const oldCipher = new FieldCipher({ currentKeyId: 'k1', keys: { k1 } });
  const newCipher = new FieldCipher({ currentKeyId: 'k2', keys: { k2, k1 } });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('moves every value to the newest key in batches, skips current ones, and is safe to re-run', async () => {
    const oldData = new PersonalDataCipher(oldCipher);
    const rows = [];
    for (let index = 0; index < 7; index += 1) {
      rows.push(await insertFinishedScan(db.dataSource, oldData, { userId: `user-${index}` }));
    }
    // Written after the key rotation by an instance already on k2.
    rows.push(
      await insertFinishedScan(db.dataSource, new PersonalDataCipher(newCipher), {
        userId: 'user-new',
      }),
    );

    const first = await reencryptAll(new EncryptedValuesRepository(db.dataSource), newCipher, {
      batchSize: 3,
    });
    expect(first).toEqual([
      expect.objectContaining({
        table: 'jumio_verification_result',
        reencrypted: 7,
        current: 1,
        failedRowIds: [],
      }),
      expect.objectContaining({
        table: 'jumio_callback_inbox',
        reencrypted: 7,
        current: 1,
        failedRowIds: [],
      }),
    ]);

    // The old key can now leave the ring.
    const onlyNewKey = new PersonalDataCipher(
      new FieldCipher({ currentKeyId: 'k2', keys: { k2 } }),
    );
    for (const row of rows) {
      const result = await db.dataSource
        .getRepository(VerificationResult)
        .findOneByOrFail({ id: row.resultId });
      expect(result.extractedData).toMatch(/^v1:k2:/);
      expect(onlyNewKey.openExtractedData(row.resultId, result.extractedData)).toEqual(CANARY_DATA);
      const inbox = await db.dataSource
        .getRepository(CallbackInboxEntry)
        .findOneByOrFail({ id: row.inboxId });
      expect(onlyNewKey.openCallbackPayload(row.inboxId, inbox.payload)).toMatchObject({
        idNumber: CANARY_DOCUMENT,
      });
    }

    const second = await reencryptAll(new EncryptedValuesRepository(db.dataSource), newCipher, {
      batchSize: 3,
    });
    expect(second.map((report) => [report.reencrypted, report.current])).toEqual([
      [0, 8],
      [0, 8],
    ]);
  });

  it('encrypts legacy plaintext and leaves tampered or moved values untouched, reporting their row ids', async () => {
    const data = new PersonalDataCipher(oldCipher);
    const legacy = await insertFinishedScan(db.dataSource, data, { userId: 'legacy' });
    const tampered = await insertFinishedScan(db.dataSource, data, { userId: 'tampered' });
    const moved = await insertFinishedScan(db.dataSource, data, { userId: 'moved' });
    const results = db.dataSource.getRepository(VerificationResult);
    await results.update({ id: legacy.resultId }, { extractedData: JSON.stringify(CANARY_DATA) });
    const original = (await results.findOneByOrFail({ id: tampered.resultId })).extractedData!;
    const parts = original.split(':');
    parts[3] = Buffer.from(parts[3], 'base64url').reverse().toString('base64url');
    await results.update({ id: tampered.resultId }, { extractedData: parts.join(':') });
    // A value copied from another row (the AAD binds the row id).
    await results.update({ id: moved.resultId }, { extractedData: original });

    const [report] = await reencryptAll(new EncryptedValuesRepository(db.dataSource), newCipher);
    expect(report.reencrypted).toBe(1);
    expect(report.failedRowIds.sort()).toEqual([tampered.resultId, moved.resultId].sort());
    const legacyStored = (await results.findOneByOrFail({ id: legacy.resultId })).extractedData!;
    expect(legacyStored).toMatch(/^v1:k2:/);
    expect(legacyStored).not.toContain(CANARY_DOCUMENT);
    expect((await results.findOneByOrFail({ id: tampered.resultId })).extractedData).toBe(
      parts.join(':'),
    );
  });
});

describe('npm run rotate-keys', () => {
  it('re-encrypts a SQLite database to the key named first in JUMIO_ENCRYPTION_KEYS, and is safe to re-run', async () => {
    const [k1, k2] = [key(), key()];
    const db = await openTestDatabase('sqlite');
    try {
      const old = new PersonalDataCipher(new FieldCipher({ currentKeyId: 'k1', keys: { k1 } }));
      const row = await insertFinishedScan(db.dataSource, old, { userId: 'cli' });
      const env = {
        ...process.env,
        DATABASE_URL: '',
        DATABASE_PATH: (db.options as { database: string }).database,
        JUMIO_ENCRYPTION_KEYS: `k2:${k2},k1:${k1}`,
      };
      const run = () =>
        execFileSync(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', 'scripts/rotate-keys.ts'],
          {
            env,
            encoding: 'utf8',
          },
        );
      expect(run()).toContain(
        'jumio_verification_result.extracted_data: 1 re-encrypted to key "k2"',
      );
      expect(run()).toContain('0 re-encrypted to key "k2", 1 already current');
      const [stored] = await db.dataSource.query<Array<{ extracted_data: string }>>(
        `SELECT extracted_data FROM jumio_verification_result WHERE id = ?`,
        [row.resultId],
      );
      const onlyK2 = new PersonalDataCipher(new FieldCipher({ currentKeyId: 'k2', keys: { k2 } }));
      expect(onlyK2.openExtractedData(row.resultId, stored.extracted_data)).toEqual(CANARY_DATA);
    } finally {
      await db.close();
    }
  });
});
