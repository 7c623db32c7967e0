import { JUMIO_ENTITIES, JUMIO_MIGRATIONS, JumioModule, type JumioModuleOptions } from '@app/jumio';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { freePort } from './free-port';
import { startPostgres } from './postgres';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Every e2e suite of the module runs once per database. */
export const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];

export type HttpAdapterKind = 'express' | 'fastify';

/** The HTTP adapters the module supports; suites about HTTP behaviour run on each. */
export const ADAPTERS: HttpAdapterKind[] = ['express', 'fastify'];

/**
 * Fastify refuses a path parameter over 100 characters with a 414 whose message echoes the path; a longer
 * limit lets an oversized callback token reach the module's plain 404, as on Express.
 */
export const FASTIFY_OPTIONS = { maxParamLength: 1000 };

/** Adapter when a suite names none: `TEST_HTTP_ADAPTER=fastify npm run test:e2e` runs everything on Fastify. */
export function defaultAdapter(): HttpAdapterKind {
  return process.env.TEST_HTTP_ADAPTER === 'fastify' ? 'fastify' : 'express';
}

export interface TestDatabase {
  options: DataSourceOptions;
  stop(): Promise<void>;
}

/** A fresh, empty database: a better-sqlite3 file in a temp dir, or a new database on the run's PostgreSQL. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const pg = await startPostgres();
    return { options: { type: 'postgres', url: pg.url }, stop: () => pg.stop() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'jumio-sqlite-'));
  return {
    options: { type: 'better-sqlite3', database: join(dir, 'jumio.sqlite') },
    stop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The host's DataSource options as the README tells hosts to write them: migrations, never synchronize. */
export function hostDataSourceOptions(database: TestDatabase): DataSourceOptions {
  return {
    ...database.options,
    entities: JUMIO_ENTITIES,
    migrations: JUMIO_MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
}

/** Module options for tests; the current user comes from an `X-User-Id` header, as in the demo app. */
export function testJumioOptions(
  jumioUrl: string,
  overrides: Partial<JumioModuleOptions> = {},
): Omit<JumioModuleOptions, 'callbackBaseUrl'> &
  Partial<Pick<JumioModuleOptions, 'callbackBaseUrl'>> {
  return {
    apiToken: 'sandbox-token',
    apiSecret: 'sandbox-secret',
    netverifyUrl: jumioUrl,
    uploadUrl: jumioUrl,
    retrievalUrl: jumioUrl,
    userAgent: 'Test Bank JumioTests/1.0',
    sandbox: true,
    requestTimeoutMs: 2_000,
    // Pacing stays on, with room for suites that start many scans at once; Jumio's own limits (5 starts
    // and 75 retrievals per 5 s) are exercised by test/resilience/pacing.e2e-spec.ts.
    pacing: { startsPerWindow: 50, retrievalsPerWindow: 750 },
    // `headers` (not Express's `header()`): the same on Express and Fastify.
    resolveUserId: (request) => {
      const userId = request.headers['x-user-id'];
      return typeof userId === 'string' ? userId : undefined;
    },
    ...overrides,
  };
}

export interface TestApp {
  app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A host app importing JumioModule.forRoot, listening on loopback (Jumio's callbacks reach it there). */
export async function createTestApp(
  database: TestDatabase,
  jumio: ReturnType<typeof testJumioOptions>,
  adapter: HttpAdapterKind = defaultAdapter(),
): Promise<TestApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot(hostDataSourceOptions(database)),
      JumioModule.forRoot({ callbackBaseUrl: url, ...jumio }),
    ],
  }).compile();
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(FASTIFY_OPTIONS), { logger: ['error'] })
      : moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  return { app, url, dataSource: app.get(DataSource), close: () => app.close() };
}
