import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { JumioOpsModule, type JumioOpsOptions } from '@app/jumio/ops';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { IncomingMessage } from 'node:http';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
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
export async function createOpsTestApp(
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
