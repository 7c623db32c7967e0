import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import {
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
  type Step,
} from '../support/jumio-test-kit';

const ACTIONS: Array<[Step, string]> = [
  ['poi', 'getScanTransactionStatus'],
  ['poi', 'startScanTransaction'],
  ['poi', 'setScanTransaction'],
  ['poi', 'setScanTransactionStatus'],
  ['poi', 'initiate'],
  ['poa', 'getScanTransactionStatus'],
  ['poa', 'startScanTransaction'],
  ['poa', 'setScanTransaction'],
  ['poa', 'setScanTransactionStatus'],
  ['poa', 'acquisitions'],
];

const POA_WEB = { ...WEB_URLS, documentType: 'UB', country: 'DEU' };

/** [step, action, body, field the 400 must name] */
const BAD_INPUT: Array<[Step, string, unknown, string]> = [
  ['poi', 'startScanTransaction', { country: 'DEU' }, 'idType'],
  ['poi', 'startScanTransaction', { country: 'DE', idType: 'PASSPORT' }, 'country'],
  ['poi', 'startScanTransaction', { country: 'DEU', idType: 'VISA' }, 'idType'],
  ['poi', 'startScanTransaction', { userId: 'someone-else' }, 'userId'],
  ['poa', 'startScanTransaction', {}, 'documentType'],
  ['poa', 'startScanTransaction', { documentType: 'OTHER', country: 'DEU' }, 'documentType'],
  ['poa', 'startScanTransaction', { documentType: 'UB', country: 'ZZZ' }, 'country'],
  ['poa', 'startScanTransaction', { documentType: 'UB', country: 'deu' }, 'country'],
  ['poa', 'startScanTransaction', { documentType: 42, country: 'DEU' }, 'documentType'],
  ['poi', 'setScanTransaction', {}, 'scanReference'],
  ['poi', 'setScanTransaction', { scanReference: 'a'.repeat(37) }, 'scanReference'],
  ['poa', 'setScanTransaction', { scanReference: '../../etc/passwd' }, 'scanReference'],
  ['poa', 'setScanTransaction', { scanReference: ['x'] }, 'scanReference'],
  ['poi', 'setScanTransactionStatus', { status: 'DONE' }, 'status'],
  ['poi', 'setScanTransactionStatus', {}, 'status'],
  ['poa', 'setScanTransactionStatus', { status: 'ERROR', errorCode: 'x'.repeat(33) }, 'errorCode'],
  ['poa', 'setScanTransactionStatus', { status: 'SUCCESS', transactionId: 'abc' }, 'transactionId'],
  ['poi', 'initiate', {}, 'successUrl'],
  ['poi', 'initiate', { ...WEB_URLS, successUrl: 'not a url' }, 'successUrl'],
  [
    'poi',
    'initiate',
    { ...WEB_URLS, successUrl: `https://bank.example/${'a'.repeat(2048)}` },
    'successUrl',
  ],
  [
    'poi',
    'initiate',
    { ...WEB_URLS, errorUrl: `https://bank.example/${'a'.repeat(256)}` },
    'errorUrl',
  ],
  [
    'poi',
    'initiate',
    { ...WEB_URLS, successUrl: 'https://bank.example/ok#fragment' },
    'successUrl',
  ],
  ['poi', 'initiate', { ...WEB_URLS, successUrl: 'javascript:alert(1)' }, 'successUrl'],
  ['poi', 'initiate', { ...WEB_URLS, errorUrl: 'https://bank.example/e?errorCode=1' }, 'errorUrl'],
  ['poi', 'initiate', { ...WEB_URLS, locale: 'english' }, 'locale'],
  ['poi', 'initiate', { ...WEB_URLS, workflowId: 100 }, 'workflowId'],
  [
    'poa',
    'acquisitions',
    { ...POA_WEB, successUrl: 'https://bank.example/ok?step=2' },
    'successUrl',
  ],
  [
    'poa',
    'acquisitions',
    { ...POA_WEB, successUrl: `https://bank.example/${'a'.repeat(256)}` },
    'successUrl',
  ],
  // Accepted by the DTO's URL check, refused by Node's URL: a 400 too, never a 500.
  ['poi', 'initiate', { ...WEB_URLS, successUrl: 'http://xn--a.com' }, 'successUrl'],
  ['poi', 'initiate', { ...WEB_URLS, errorUrl: 'http://[fe80::1%25eth0]' }, 'errorUrl'],
  ['poa', 'acquisitions', { ...POA_WEB, successUrl: 'https://xn--a.com/' }, 'successUrl'],
  ['poa', 'acquisitions', { ...POA_WEB, documentType: 'CUSTOM' }, 'documentType'],
  ['poa', 'acquisitions', { ...POA_WEB, country: 'XXK' }, 'country'],
  ['poa', 'acquisitions', { ...POA_WEB, locale: 'en-gb' }, 'locale'],
];

describe.each(DATABASES)('private routes: input validation and users (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it.each(ACTIONS)('%s/!%s without a user → 401', async (step, action) => {
    const response = await request(kit.app.url)
      .post(`/api/private/jumio/${step}/!${action}`)
      .send({});
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('UNAUTHENTICATED');
  });

  it.each(ACTIONS)('%s/!%s answers POST with 200, never 201', async (step, action) => {
    const response = await kit.as(`codes-${step}-${action}`).post(step, action, {});
    expect(response.status).not.toBe(201);
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    ['poi', 'GET'],
    ['poa', 'GET'],
    ['poi', 'POST'],
    ['poa', 'POST'],
  ] as const)('%s status over %s is marked not cacheable', async (step, method) => {
    const user = kit.as(`no-store-${step}-${method}`);
    const response =
      method === 'GET'
        ? await user.get(step, 'getScanTransactionStatus')
        : await user.post(step, 'getScanTransactionStatus');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it.each(BAD_INPUT)('%s/!%s %j → 400 naming %s', async (step, action, body, field) => {
    const before = kit.sandbox.control.findTransactions().length;
    const response = await kit.as('validation').post(step, action, body as object);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toContain(field);
    expect(kit.sandbox.control.findTransactions().length).toBe(before);
  });

  it('refuses a JSON body that is not an object, and malformed JSON, with 400', async () => {
    for (const raw of ['[1,2]', '"text"', '{"broken":']) {
      const response = await request(kit.app.url)
        .post('/api/private/jumio/poa/!startScanTransaction')
        .set('X-User-Id', 'validation')
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(response.status).toBe(400);
    }
  });

  it('refuses deeply nested, wide and long bodies with 400 before validating them', async () => {
    const deep = '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000);
    const wide = JSON.stringify(
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
    );
    const long = JSON.stringify({ scanReference: Array(1000).fill('x') });
    for (const raw of [deep, wide, long]) {
      const response = await request(kit.app.url)
        .post('/api/private/jumio/poi/!setScanTransaction')
        .set('X-User-Id', 'validation')
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/^The request body (is )?(nested|has)/);
    }
  });

  it('refuses https-less URLs only outside sandbox mode (here: sandbox, so http works)', async () => {
    const response = await kit.as('http-urls').post('poi', 'initiate', {
      successUrl: 'http://localhost:3000/ok',
      errorUrl: 'http://localhost:3000/error',
    });
    expect(response.status).toBe(200);
  });

  it('answers 409, not 500, when there is nothing to update', async () => {
    const user = kit.as('nothing-open');
    expect(
      (await user.post('poi', 'setScanTransaction', { scanReference: 'abc-123' })).status,
    ).toBe(409);
    expect((await user.post('poa', 'setScanTransactionStatus', { status: 'ERROR' })).status).toBe(
      409,
    );
  });
});
