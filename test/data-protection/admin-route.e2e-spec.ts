import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { type CanActivate, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import {
  createTestDatabase,
  hostDataSourceOptions,
  testJumioOptions,
  type TestDatabase,
} from '../support/create-test-app';

/** A host app on SQLite; Jumio is never called here (an unreachable URL). */
async function boot(
  database: TestDatabase,
  overrides: Partial<JumioModuleOptions>,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot(hostDataSourceOptions(database)),
      JumioModule.forRoot({
        ...testJumioOptions('http://127.0.0.1:9', { retention: { jobIntervalSeconds: 0 } }),
        callbackBaseUrl: 'http://127.0.0.1:9',
        ...overrides,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('data-protection options and the admin route', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.stop();
  });

  it('does not serve the admin route unless enabled (404, as if it did not exist)', async () => {
    const app = await boot(database, {});
    try {
      const answer = await request(app.getHttpServer())
        .post('/api/private/jumio/admin/!eraseUser')
        .send({ userId: 'u1' });
      expect(answer.status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('accepts a guard instance, and validates the body once the guard lets the request in', async () => {
    const allow: CanActivate = { canActivate: () => true };
    const app = await boot(database, { enableAdminRoutes: true, adminGuard: allow });
    try {
      const server = app.getHttpServer();
      const bad = await request(server)
        .post('/api/private/jumio/admin/!eraseUser')
        .send({ userId: 42 });
      expect(bad.status).toBe(400);
      const done = await request(server)
        .post('/api/private/jumio/admin/!eraseUser')
        .send({ userId: 'nobody' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'COMPLETED', scansTotal: 0, attempts: 1 });
    } finally {
      await app.close();
    }
  });

  it.each([
    [
      'admin routes without a guard',
      { enableAdminRoutes: true },
      /enableAdminRoutes needs adminGuard/,
    ],
    [
      'a negative retention period',
      { retention: { personalDataDays: -1 } },
      /retention.personalDataDays must be a number from 0/,
    ],
    [
      'no keys outside sandbox mode',
      { sandbox: false, callbackBaseUrl: 'https://bank.example' },
      /encryptionKeys is required outside the sandbox/,
    ],
    [
      'a key of the wrong size',
      { encryptionKeys: { currentKeyId: 'k1', keys: { k1: 'c2hvcnQ=' } } },
      /exactly 32 bytes/,
    ],
  ])('refuses to start with %s', async (_what, overrides, message) => {
    await expect(boot(database, overrides as Partial<JumioModuleOptions>)).rejects.toThrow(message);
  });
});
