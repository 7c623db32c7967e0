import type { INestApplication, Type } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request } from 'express';
import request from 'supertest';
import {
  createTestDatabase,
  hostDataSourceOptions,
  type TestDatabase,
} from '../support/create-test-app';
import type { FixtureSettings } from '../fixtures/fixture-settings.module';
import {
  AsyncClassHostModule,
  AsyncExistingHostModule,
  AsyncFactoryHostModule,
  ForRootHostModule,
} from '../fixtures/jumio-host.modules';

type HostModule = Type<unknown> & { register(settings: FixtureSettings): DynamicModule };

const HOSTS: Array<[string, HostModule]> = [
  ['forRoot', ForRootHostModule],
  ['forRootAsync useFactory', AsyncFactoryHostModule],
  ['forRootAsync useClass', AsyncClassHostModule],
  ['forRootAsync useExisting', AsyncExistingHostModule],
];

/** Production-like options: no sandbox, so https rules apply; the default user resolution (request.user.id). */
function settings(database: TestDatabase): FixtureSettings {
  return {
    database: hostDataSourceOptions(database),
    jumio: {
      apiToken: 'token',
      apiSecret: 'secret',
      dataCenter: 'EU',
      userAgent: 'Fixture Bank Onboarding/1.0',
      callbackBaseUrl: 'https://onboarding.bank.example/',
      // Outside sandbox mode the module refuses to start without keys for personal data at rest.
      encryptionKeys: { currentKeyId: 'k1', keys: { k1: Buffer.alloc(32, 7).toString('base64') } },
    },
  };
}

/** Stands in for the host's authentication: sets request.user from a header. */
function fakeAuthentication(
  req: Request & { user?: { id: string } },
  _res: unknown,
  next: () => void,
) {
  const id = req.header('x-test-user');
  if (id) req.user = { id };
  next();
}

describe.each(HOSTS)('JumioModule registered with %s', (_name, host) => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const moduleRef = await Test.createTestingModule({
      imports: [host.register(settings(database))],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.use(fakeAuthentication);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.stop();
  });

  it('boots, runs the migrations and answers the status route for request.user', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-Test-User', 'fixture-user');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: 'POI', status: 'NOT_STARTED_YET' });
  });

  it('uses the options it was given (data centre, callback base URL) and 401s without request.user', async () => {
    const started = await request(app.getHttpServer())
      .post('/api/private/jumio/poa/!startScanTransaction')
      .set('X-Test-User', 'fixture-user')
      .send({ documentType: 'BS', country: 'GBR' });
    expect(started.status).toBe(200);
    expect(started.body.dataCenter).toBe('EU');
    expect(started.body.callbackUrl).toMatch(
      /^https:\/\/onboarding\.bank\.example\/api\/jumio\/callback\/[A-Za-z0-9_-]{43}$/,
    );
    const anonymous = await request(app.getHttpServer()).get(
      '/api/private/jumio/poa/!getScanTransactionStatus',
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('JumioModule outside sandbox mode', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const moduleRef = await Test.createTestingModule({
      imports: [ForRootHostModule.register(settings(database))],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.use(fakeAuthentication);
    SwaggerModule.setup(
      'docs',
      app,
      SwaggerModule.createDocument(app, new DocumentBuilder().build()),
      {
        jsonDocumentUrl: 'docs-json',
      },
    );
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.stop();
  });

  it.each([
    ['http://bank.example/ok', 'must use https'],
    ['https://10.0.0.1/ok', 'not an IP address'],
    ['https://bank.example:8443/ok', 'port'],
  ])('refuses successUrl %s (%s) before calling Jumio', async (successUrl, problem) => {
    const response = await request(app.getHttpServer())
      .post('/api/private/jumio/poi/!initiate')
      .set('X-Test-User', 'strict')
      .send({ successUrl, errorUrl: 'https://bank.example/error' });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('successUrl');
    expect(response.body.message).toContain(problem);
  });

  it('documents every private route and the callback in the OpenAPI document', async () => {
    const document = await request(app.getHttpServer()).get('/docs-json');
    expect(document.status).toBe(200);
    const paths = Object.keys(document.body.paths as object);
    for (const step of ['poi', 'poa']) {
      for (const action of [
        'getScanTransactionStatus',
        'startScanTransaction',
        'setScanTransaction',
        'setScanTransactionStatus',
      ]) {
        expect(paths).toContain(`/api/private/jumio/${step}/!${action}`);
      }
    }
    expect(paths).toContain('/api/private/jumio/poi/!initiate');
    expect(paths).toContain('/api/private/jumio/poa/!acquisitions');
    expect(paths).toContain('/api/jumio/callback/{token}');
  });

  it('refuses to start with a callback base URL Jumio would not accept', async () => {
    const bad = settings(database);
    bad.jumio = { ...bad.jumio, callbackBaseUrl: 'http://bank.example' };
    await expect(
      Test.createTestingModule({ imports: [ForRootHostModule.register(bad)] }).compile(),
    ).rejects.toThrow(/callbackBaseUrl must use https/);
  });
});
