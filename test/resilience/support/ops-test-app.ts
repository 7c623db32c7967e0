import { JumioModule } from '@app/jumio';
import { JumioOpsModule, type JumioOpsOptions } from '@app/jumio/ops';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  FASTIFY_OPTIONS,
  hostDataSourceOptions,
  testJumioOptions,
  type HttpAdapterKind,
  type TestDatabase,
} from '../../support/create-test-app';
import { freePort } from '../../support/free-port';

/** A host app importing JumioModule and JumioOpsModule, as the demo app does, on either adapter. */
export async function createOpsTestApp(
  database: TestDatabase,
  jumioUrl: string,
  adapter: HttpAdapterKind,
  ops: JumioOpsOptions,
): Promise<{ app: INestApplication; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot(hostDataSourceOptions(database)),
      JumioModule.forRoot({ callbackBaseUrl: url, ...testJumioOptions(jumioUrl) }),
      JumioOpsModule.forRoot(ops),
    ],
  }).compile();
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(FASTIFY_OPTIONS), { logger: ['error'] })
      : moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  return { app, url };
}
