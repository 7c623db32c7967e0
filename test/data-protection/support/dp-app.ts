import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import {
  type CanActivate,
  ConsoleLogger,
  type ExecutionContext,
  Injectable,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  hostDataSourceOptions,
  testJumioOptions,
  type DatabaseKind,
  type TestDatabase,
} from '../../support/create-test-app';
import { freePort } from '../../support/free-port';
import { KYX_TEST_CLIENT } from '../../support/kyx-test-kit';

export const ADMIN_HEADER = 'x-test-admin';

/** The host's admin authentication, as the host would write it: here a header. */
@Injectable()
export class HeaderAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined> }>();
    return req.headers[ADMIN_HEADER] === 'yes';
  }
}

/** Everything written anywhere: Nest's logger at every level, console, stdout/stderr, the sandbox's log. */
export class LogCapture {
  readonly lines: string[] = [];
  private restore: Array<() => void> = [];

  start(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = (chunk: string | Uint8Array) => {
        this.lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      };
      this.restore.push(() => (stream.write = original));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        this.lines.push(
          args
            .map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg))))
            .join(' '),
        );
      };
      this.restore.push(() => (console[method] = original));
    }
  }

  stop(): void {
    for (const undo of this.restore.reverse()) undo();
    this.restore = [];
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** A Nest logger at every level that writes (through process.stdout) into the capture. */
function verboseLogger(): ConsoleLogger {
  return new ConsoleLogger('Test', {
    logLevels: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
  });
}

export interface DataProtectionApp {
  app: INestApplication;
  url: string;
  sandbox: JumioSandbox;
  dataSource: DataSource;
  logs: LogCapture;
  /** Every answer body this test received from the app. */
  answers: string[];
  post(path: string, body?: object, headers?: Record<string, string>): Promise<Response>;
  /** Every byte at rest: the SQLite file (and journal/WAL), or every PostgreSQL row as text. */
  storedText(): Promise<string>;
  close(): Promise<void>;
}

export async function startDataProtectionApp(
  kind: DatabaseKind,
  overrides: Partial<JumioModuleOptions> = {},
  platform: 'legacy' | 'kyx' = 'legacy',
): Promise<DataProtectionApp> {
  const logs = new LogCapture();
  logs.start();
  const sandbox = await startJumioSandbox({
    port: 0,
    callbackDelayMs: 0,
    logger: (line: string) => logs.lines.push(line),
    kyxClientId: KYX_TEST_CLIENT.clientId,
    kyxClientSecret: KYX_TEST_CLIENT.clientSecret,
  });
  const kyx: Partial<JumioModuleOptions> =
    platform === 'kyx'
      ? {
          platform: 'kyx',
          dataCenter: 'EU',
          kyx: {
            ...KYX_TEST_CLIENT,
            authUrl: sandbox.url,
            accountUrl: sandbox.url,
            retrievalUrl: sandbox.url,
          },
        }
      : {};
  const database: TestDatabase = await createTestDatabase(kind);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot(hostDataSourceOptions(database)),
      JumioModule.forRoot({
        ...testJumioOptions(sandbox.url, {
          retention: { jobIntervalSeconds: 0 },
          enableAdminRoutes: true,
          adminGuard: HeaderAdminGuard,
          ...kyx,
          ...overrides,
        }),
        callbackBaseUrl: url,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: verboseLogger() });
  await app.listen(port, '127.0.0.1');
  const dataSource = app.get(DataSource);
  const answers: string[] = [];
  return {
    app,
    url,
    sandbox,
    dataSource,
    logs,
    answers,
    post: async (path, body, headers = {}) => {
      let call = request(url).post(path);
      for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
      const response = await (body === undefined ? call : call.send(body));
      answers.push(response.text ?? '');
      return response;
    },
    storedText: async () => {
      if (kind === 'postgres') return postgresRowsAsText(dataSource);
      const file = (database.options as { database: string }).database;
      return ['', '-journal', '-wal']
        .map((suffix) => {
          try {
            return readFileSync(file + suffix).toString('latin1');
          } catch {
            return '';
          }
        })
        .join('\n');
    },
    close: async () => {
      try {
        await app.close();
        await sandbox.close();
        await database.stop();
      } finally {
        logs.stop();
      }
    },
  };
}

/** What `pg_dump` would show of the data: every row of every table, as text (no pg_dump binary here). */
async function postgresRowsAsText(dataSource: DataSource): Promise<string> {
  const tables = await dataSource.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await dataSource.query<
      Array<{
        row: string;
      }>
    >(`SELECT t::text AS row FROM "${table}" t`);
    parts.push(`-- ${table}`, ...rows.map((row) => row.row));
  }
  return parts.join('\n');
}
