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
    return {
      type: 'postgres',
      url: config.DATABASE_URL,
      // Fail fast while PostgreSQL is away or stuck: the routes answer 503 + Retry-After, not a hang.
      connectTimeoutMS: 2_000,
      extra: {
        connectionTimeoutMillis: 2_000, // waiting for a pooled connection, too
        statement_timeout: 5_000,
        query_timeout: 6_000,
        idle_in_transaction_session_timeout: 10_000,
      },
      ...common,
    };
  }
  if (config.DATABASE_PATH !== ':memory:')
    mkdirSync(dirname(config.DATABASE_PATH), { recursive: true });
  // better-sqlite3 waits for a lock synchronously, blocking the whole process: keep the wait short (the
  // default is 5 s per statement); a file locked longer answers 503 + Retry-After.
  return { type: 'better-sqlite3', database: config.DATABASE_PATH, timeout: 100, ...common };
}
