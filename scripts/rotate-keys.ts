/**
 * Re-encrypts every personal-data value to the current key: `npm run rotate-keys`.
 *
 * Rotation without downtime:
 *   1. add the new key in front of JUMIO_ENCRYPTION_KEYS (or set JUMIO_ENCRYPTION_KEY_ID to it), keeping the
 *      old ones, and restart the instances: new values use the new key, old ones still decrypt;
 *   2. run this script with the same environment (safe while the service runs, safe to re-run);
 *   3. when it reports 0 failures, remove the old key from JUMIO_ENCRYPTION_KEYS and restart.
 * Uses the demo's database settings (DATABASE_URL, else SQLite at DATABASE_PATH). Relative imports only, so
 * that it runs under plain ts-node.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  parseEncryptionKeys,
  resolveKeyRing,
} from '../libs/jumio/src/data-protection/encryption-keys';
import { FieldCipher } from '../libs/jumio/src/persistence/field-cipher';
import { reencryptAll } from '../libs/jumio/src/data-protection/reencrypt-all';
import { EncryptedValuesRepository } from '../libs/jumio/src/persistence/encrypted-values.repository';
import { AppConfig } from '../src/config/app.config';
import { validateConfig } from '../src/config/validate-config';

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const app = validateConfig(AppConfig, env);
  const keysText = env.JUMIO_ENCRYPTION_KEYS?.trim();
  const sandbox =
    env.JUMIO_SANDBOX === 'true' || (env.JUMIO_SANDBOX !== 'false' && !env.JUMIO_API_TOKEN);
  const { keyRing } = resolveKeyRing({
    encryptionKeys: keysText
      ? parseEncryptionKeys(keysText, env.JUMIO_ENCRYPTION_KEY_ID)
      : undefined,
    sandbox,
  });
  const cipher = new FieldCipher(keyRing);

  const options: DataSourceOptions = app.DATABASE_URL
    ? { type: 'postgres', url: app.DATABASE_URL }
    : { type: 'better-sqlite3', database: app.DATABASE_PATH };
  if (!app.DATABASE_URL) mkdirSync(dirname(app.DATABASE_PATH), { recursive: true });
  const dataSource = await new DataSource(options).initialize();
  try {
    const reports = await reencryptAll(new EncryptedValuesRepository(dataSource), cipher);
    let failures = 0;
    for (const report of reports) {
      failures += report.failedRowIds.length;
      console.log(
        `${report.table}.${report.column}: ${report.reencrypted} re-encrypted to key "${cipher.currentKeyId}", ` +
          `${report.current} already current, ${report.raced} changed concurrently, ` +
          `${report.failedRowIds.length} undecryptable` +
          (report.failedRowIds.length ? ` (row ids: ${report.failedRowIds.join(', ')})` : ''),
      );
    }
    return failures === 0 ? 0 : 2;
  } finally {
    await dataSource.destroy();
  }
}

main(process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Messages of the key and config errors name the problem, never a key.
    console.error(
      error instanceof Error ? `${error.name}: ${error.message}` : 'rotate-keys failed',
    );
    process.exit(1);
  },
);
