import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { JUMIO_ENTITIES, JUMIO_MIGRATIONS } from '@app/jumio';
import { startPostgres } from '../../support/postgres';

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** A fresh database of either kind with the Jumio migrations run. */
export interface TestDatabaseHandle {
  kind: DatabaseKind;
  options: DataSourceOptions;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabaseHandle> {
  const common = {
    entities: [...JUMIO_ENTITIES],
    migrations: [...JUMIO_MIGRATIONS],
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
  if (kind === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'jumio-dp-'));
    const file = join(directory, 'jumio.sqlite');
    const options: DataSourceOptions = { type: 'better-sqlite3', database: file, ...common };
    const dataSource = await new DataSource(options).initialize();
    return {
      kind,
      options,
      dataSource,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const database = await startPostgres();
  const options: DataSourceOptions = { type: 'postgres', url: database.url, ...common };
  const dataSource = await new DataSource(options).initialize();
  return {
    kind,
    options,
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.stop();
    },
  };
}
