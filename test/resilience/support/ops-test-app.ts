import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { JumioOpsModule, type JumioOpsOptions } from '@app/jumio/ops';
import { startJumioSandbox } from '@app/jumio-sandbox';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { IncomingMessage } from 'node:http';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  createTestDatabase,
  FASTIFY_OPTIONS,
  hostDataSourceOptions,
  testJumioOptions,
  type HttpAdapterKind,
  type TestDatabase,
} from '../../support/create-test-app';
import { freePort } from '../../support/free-port';

export interface HostSetup {
  jumio?: Partial<JumioModuleOptions>;
  /** The host's authentication sets `request.user = { id: <number> }` from `X-User-Id` (a numeric id). */
  numericUserIds?: boolean;
}

type HostRequest = IncomingMessage & { user?: { id: number } };

function numericUserFromHeader(request: HostRequest, _response: unknown, next: () => void): void {
  const header = request.headers['x-user-id'];
  if (typeof header === 'string') request.user = { id: Number(header) };
  next();
}

/** A host app importing JumioModule and JumioOpsModule, as the demo app does, on either adapter. */
async function createOpsTestApp(
  database: TestDatabase,
  jumioUrl: string,
  adapter: HttpAdapterKind,
  ops: JumioOpsOptions,
  host: HostSetup = {},
): Promise<{ app: INestApplication; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot(hostDataSourceOptions(database)),
      JumioModule.forRoot({ callbackBaseUrl: url, ...testJumioOptions(jumioUrl, host.jumio) }),
      JumioOpsModule.forRoot(ops),
    ],
  }).compile();
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(FASTIFY_OPTIONS), { logger: ['error'] })
      : moduleRef.createNestApplication({ logger: ['error'] });
  if (host.numericUserIds) app.use(numericUserFromHeader);
  await app.listen(port, '127.0.0.1');
  return { app, url };
}

export interface OpsHost {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The ops host on a fresh SQLite database, talking to its own sandbox; `close` ends all three. */
export async function startOpsHost(
  adapter: HttpAdapterKind,
  ops: JumioOpsOptions,
  host: HostSetup = {},
): Promise<OpsHost> {
  const sandbox = await startJumioSandbox({ callbackDelayMs: 0, logger: () => undefined });
  const database = await createTestDatabase('sqlite').catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  try {
    const { app, url } = await createOpsTestApp(database, sandbox.url, adapter, ops, host);
    return {
      app,
      url,
      close: async () => {
        await app.close();
        await database.stop();
        await sandbox.close();
      },
    };
  } catch (error) {
    await database.stop();
    await sandbox.close();
    throw error;
  }
}
