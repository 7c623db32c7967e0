import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import {
  createTestDatabase,
  hostDataSourceOptions,
  testJumioOptions,
  type TestDatabase,
} from '../support/create-test-app';

/*
 * The service tier: the module's repositories and workers against the run's real PostgreSQL, built as
 * the host builds them (TypeORM + JumioModule in a Nest testing module) but with no HTTP server; tests
 * call the services directly. Jumio itself, an edge, is the sandbox over HTTP.
 */

/** A fresh PostgreSQL database with the module's migrations applied, and a DataSource on it. */
export async function migratedPostgres(): Promise<{
  db: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}> {
  const db = await createTestDatabase('postgres');
  const dataSource = await new DataSource(hostDataSourceOptions(db)).initialize();
  return {
    db,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.stop();
    },
  };
}

/** Background work driven by the test (`runNow`, `sweep`): no timer of its own. */
export const DRIVEN_BACKGROUND: Partial<JumioModuleOptions> = {
  callbackInboxIntervalMs: 0,
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
  retention: { jobIntervalSeconds: 0 },
};

/** The callback token of a callback the sandbox sent: the last segment of its URL. */
export function callbackTokenOf(callback: { url?: string | null }): string {
  return new URL(callback.url!).pathname.split('/').pop()!;
}

/**
 * An instance of the module (no HTTP server) on `db`, talking to Jumio at `jumioUrl`; `dataSource`
 * adds to the host's TypeORM options (e.g. a query logger).
 */
export async function startModule(
  db: TestDatabase,
  jumioUrl: string,
  options: Partial<JumioModuleOptions> = {},
  dataSource: Partial<DataSourceOptions> = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({ ...hostDataSourceOptions(db), ...dataSource } as DataSourceOptions),
      JumioModule.forRoot({
        callbackBaseUrl: 'https://bank.example/api',
        ...testJumioOptions(jumioUrl, options),
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** A TypeORM logger that records every statement sent (the host's pool and the background pool). */
export function statementRecorder(statements: string[]): TypeOrmLogger {
  return {
    logQuery: (query) => void statements.push(query.trim()),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}
