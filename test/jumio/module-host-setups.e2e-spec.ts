import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import { JUMIO_ENTITIES, JUMIO_MIGRATIONS, JumioModule, type JumioModuleOptions } from '@app/jumio';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { type DynamicModule, type INestApplication, RequestMethod } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ADAPTERS,
  createTestDatabase,
  DATABASES,
  FASTIFY_OPTIONS,
  hostDataSourceOptions,
  testJumioOptions,
  type HttpAdapterKind,
  type TestDatabase,
} from '../support/create-test-app';
import { freePort } from '../support/free-port';
import { finishWebJourney, UserClient, WEB_URLS } from '../support/jumio-test-kit';

/*
 * Hosts set up the ways banks do: a global route prefix, a named DataSource, and the mistakes a new host
 * makes with its DataSource (entities or migrations left out), reported at start-up by name.
 */

interface HostApp {
  app: INestApplication;
  /** Where the private routes are, e.g. http://127.0.0.1:4321/v1 */
  apiUrl: string;
  user(userId: string): UserClient;
  close(): Promise<void>;
}

/** A host listening on loopback with JumioModule against the sandbox; no reconciliation (callbacks only). */
async function startHost(options: {
  sandbox: JumioSandbox;
  imports: (jumio: JumioModuleOptions) => DynamicModule[];
  adapter?: HttpAdapterKind;
  prepare?: (app: INestApplication) => void;
  prefix?: string;
}): Promise<HostApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const jumio: JumioModuleOptions = {
    ...testJumioOptions(options.sandbox.url, { reconciliationIntervalMs: 0 }),
    callbackBaseUrl: url,
  };
  const moduleRef = await Test.createTestingModule({ imports: options.imports(jumio) }).compile();
  const app =
    options.adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(FASTIFY_OPTIONS), { logger: ['error'] })
      : moduleRef.createNestApplication({ logger: ['error'] });
  options.prepare?.(app);
  await app.listen(port, '127.0.0.1');
  const apiUrl = `${url}${options.prefix ? `/${options.prefix}` : ''}`;
  return {
    app,
    apiUrl,
    user: (userId) => new UserClient(apiUrl, userId, () => app.get(CallbackConfirmation).settled()),
    close: () => app.close(),
  };
}

/** Web POI to APPROVED with the decision brought by Jumio's callback (reconciliation is off). */
async function approvedThroughCallback(host: HostApp, sandbox: JumioSandbox, userId: string) {
  const user = host.user(userId);
  const started = await user.post('poi', 'initiate', WEB_URLS);
  expect(started.status).toBe(200);
  const pending = await user.status('poi');
  const jumioScan = sandbox.control.transaction(pending.scanReference!);
  await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
  const [callback] = await sandbox.control.waitForCallbacks(1, {
    reference: pending.scanReference!,
  });
  expect(callback).toMatchObject({ delivery: 'DELIVERED', responseStatus: 200 });
  const decided = await user.status('poi');
  expect(decided.verification).toMatchObject({ decision: 'APPROVED' });
  return jumioScan?.callbackUrl;
}

describe('JumioModule behind a global prefix', () => {
  let sandbox: JumioSandbox;
  let database: TestDatabase;
  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
  });
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(() => database.stop());
  afterAll(() => sandbox.close());

  it.each(ADAPTERS)(
    'app.setGlobalPrefix("v1") on %s: the callback URL carries the prefix and the callback is applied',
    async (adapter) => {
      const host = await startHost({
        sandbox,
        adapter,
        prefix: 'v1',
        prepare: (app) => app.setGlobalPrefix('v1'),
        imports: (jumio) => [
          TypeOrmModule.forRoot(hostDataSourceOptions(database)),
          JumioModule.forRoot(jumio),
        ],
      });
      try {
        const callbackUrl = await approvedThroughCallback(host, sandbox, `prefixed-${adapter}`);
        expect(callbackUrl).toMatch(
          new RegExp(`^${host.apiUrl}/api/jumio/callback/[A-Za-z0-9_-]{43}$`),
        );
      } finally {
        await host.close();
      }
    },
  );

  it('leaves the prefix out when the host excludes the callback route from it', async () => {
    const host = await startHost({
      sandbox,
      prefix: 'v1',
      prepare: (app) =>
        app.setGlobalPrefix('v1', {
          exclude: [{ path: 'api/jumio/callback/:token', method: RequestMethod.POST }],
        }),
      imports: (jumio) => [
        TypeOrmModule.forRoot(hostDataSourceOptions(database)),
        JumioModule.forRoot(jumio),
      ],
    });
    try {
      const callbackUrl = await approvedThroughCallback(host, sandbox, 'prefix-excluded');
      expect(callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/jumio\/callback\//);
    } finally {
      await host.close();
    }
  });

  it('refuses to start when the prefix makes the callback URLs longer than Jumio accepts', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(hostDataSourceOptions(database)),
        JumioModule.forRoot({
          ...testJumioOptions(sandbox.url),
          callbackBaseUrl: `https://onboarding.bank.example/${'p'.repeat(150)}`,
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('x'.repeat(40));
    await expect(app.init()).rejects.toThrow(
      /callbackBaseUrl is too long: callback URLs \(with the global prefix "x+"\) would be 2\d\d characters/,
    );
    await app.close();
  });
});

describe.each(['forRoot', 'forRootAsync'] as const)(
  'JumioModule on a named DataSource (%s, dataSource: "kyc")',
  (registration) => {
    let sandbox: JumioSandbox;
    let database: TestDatabase;
    let host: HostApp;
    beforeAll(async () => {
      sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
      database = await createTestDatabase('sqlite');
      host = await startHost({
        sandbox,
        imports: (jumio) => [
          // The host's only DataSource is named: there is no default one to fall back on.
          TypeOrmModule.forRoot({ ...hostDataSourceOptions(database), name: 'kyc' }),
          registration === 'forRoot'
            ? JumioModule.forRoot({ ...jumio, dataSource: 'kyc' })
            : JumioModule.forRootAsync({ dataSource: 'kyc', useFactory: () => jumio }),
        ],
      });
    });
    afterAll(async () => {
      await host?.close();
      await sandbox?.close();
      await database?.stop();
    });

    it('runs a web POI to APPROVED, stored in that DataSource', async () => {
      await approvedThroughCallback(host, sandbox, `named-${registration}`);
      const kyc = host.app.get<DataSource>(getDataSourceToken('kyc'));
      const rows = await kyc.query<Array<{ decision: string }>>(
        `SELECT "decision" FROM "jumio_scan_transaction" WHERE "user_id" = ?`,
        [`named-${registration}`],
      );
      expect(rows).toEqual([{ decision: 'APPROVED' }]);
    });
  },
);

describe.each(DATABASES)('JumioModule start-up schema check (%s)', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.stop());

  async function startupError(dataSource: TypeOrmModuleOptions): Promise<Error | undefined> {
    let app: INestApplication | undefined;
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot(dataSource),
          JumioModule.forRoot({
            ...testJumioOptions('http://127.0.0.1:9'),
            callbackBaseUrl: 'https://bank.example',
          }),
        ],
      }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      return undefined;
    } catch (error) {
      return error as Error;
    } finally {
      await app?.close();
    }
  }

  it('names the entities the DataSource does not know', async () => {
    const error = await startupError({ ...hostDataSourceOptions(database), entities: [] });
    expect(error?.message).toBe(
      'JumioModule: the DataSource does not know the Jumio entities ScanTransaction, VerificationResult, ' +
        'CallbackInboxEntry, AuditEvent, ErasureRequest, ManualReview, KyxAccount, KyxScan: add JUMIO_ENTITIES to its `entities` (or set `autoLoadEntities: true`)',
    );
  });

  it('names the missing tables when the migrations were not run', async () => {
    const error = await startupError({
      ...hostDataSourceOptions(database),
      migrations: [],
      migrationsRun: false,
    });
    expect(error?.message).toMatch(
      /^JumioModule: the Jumio tables jumio_scan_transaction, jumio_verification_result, jumio_callback_inbox, jumio_audit_event, jumio_erasure_request, jumio_review, jumio_kyx_account, jumio_kyx_scan, jumio_outbox_event, jumio_start_claim do not exist: run JUMIO_MIGRATIONS/,
    );
  });

  it('names a Jumio migration registered but not applied', async () => {
    // One that creates no table (a missing table would be named first): indexes only.
    const skipped = 'AddJumioReconciliationResetIndexes1764200000000';
    const older = new DataSource({
      ...hostDataSourceOptions(database),
      migrations: JUMIO_MIGRATIONS.filter((migration) => migration.name !== skipped),
    });
    await older.initialize();
    await older.runMigrations();
    await older.destroy();
    const error = await startupError({ ...hostDataSourceOptions(database), migrationsRun: false });
    expect(error?.message).toMatch(
      new RegExp(
        `^JumioModule: the Jumio migrations ${skipped} have not run: run JUMIO_MIGRATIONS`,
      ),
    );
  });

  it('starts with autoLoadEntities instead of JUMIO_ENTITIES', async () => {
    const error = await startupError({
      ...hostDataSourceOptions(database),
      entities: [],
      autoLoadEntities: true,
    });
    expect(error).toBeUndefined();
  });
});

// Keeps the list of entities this suite names in step with the module's.
expect(JUMIO_ENTITIES.map((entity) => entity.name)).toHaveLength(8);
