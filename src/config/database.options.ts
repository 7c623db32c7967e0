import { JUMIO_ENTITIES, JUMIO_MIGRATIONS } from '@app/jumio';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * PostgreSQL when a URL is given, SQLite otherwise. Schema changes go through migrations only.
 */
export function databaseOptions(config: {
  DATABASE_URL?: string;
  DATABASE_PATH: string;
}): DataSourceOptions {
  const common = {
    entities: [...JUMIO_ENTITIES],
    migrations: [...JUMIO_MIGRATIONS],
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
  if (config.DATABASE_URL) {
    return { type: 'postgres', url: config.DATABASE_URL, ...common };
  }
  if (config.DATABASE_PATH !== ':memory:')
    mkdirSync(dirname(config.DATABASE_PATH), { recursive: true });
  return { type: 'better-sqlite3', database: config.DATABASE_PATH, ...common };
}
