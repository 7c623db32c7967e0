import type { JumioSandbox } from '@app/jumio-sandbox';
import { startTestSandbox, validInitiateBody } from './support/sandbox-fixture';
import { basicAuth, postJson, send } from './support/sandbox-http';

const JUMIO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('sandbox: POST /api/v4/initiate (Netverify web v4)', () => {
  let sandbox: JumioSandbox;
  const initiate = (body: unknown, headers: Record<string, string | undefined> = {}) =>
    postJson(sandbox.url, '/api/v4/initiate', body, headers);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('answers Jumio-shaped JSON with a redirectUrl to the capture page', async () => {
    const answer = await initiate(validInitiateBody({ locale: 'de-AT' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['x-jumio-sandbox']).toBe('true');
    const body = answer.json();
    expect(Object.keys(body).sort()).toEqual(['redirectUrl', 'timestamp', 'transactionReference']);
    expect(body.timestamp).toMatch(JUMIO_TIMESTAMP);
    expect(body.transactionReference).toMatch(UUID);
    const redirect = new URL(String(body.redirectUrl));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${sandbox.url}/web/v4/app`);
    expect([...redirect.searchParams.keys()]).toEqual(['locale', 'authorizationToken']);
    expect(redirect.searchParams.get('locale')).toBe('de-AT');
    const page = await send({ url: redirect.toString() });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Jumio SANDBOX — not Jumio');
  });

  it('accepts the trailing slash of Jumio sample requests', async () => {
    const answer = await postJson(sandbox.url, '/api/v4/initiate/', validInitiateBody());
    expect(answer.status).toBe(200);
  });

  it.each([
    ['no credentials', { Authorization: undefined }],
    ['a wrong secret', { Authorization: basicAuth('test-token', 'wrong') }],
    ['a wrong token', { Authorization: basicAuth('wrong', 'test-secret') }],
    ['a bearer token', { Authorization: 'Bearer test-token' }],
  ])('answers 401 with %s', async (_case, headers) => {
    const answer = await initiate(validInitiateBody(), headers);
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toContain('Basic');
    expect(answer.json().message).toMatch(/Authorization/);
  });

  it.each([
    ['no User-Agent', { 'User-Agent': undefined }, /User-Agent/],
    ['an Accept other than JSON', { Accept: 'text/html' }, /Accept/],
    ['a non-JSON Content-Type', { 'Content-Type': 'text/plain' }, /Content-Type/],
  ])('answers 403 with %s, as Jumio does for missing headers', async (_case, headers, field) => {
    const answer = await initiate(validInitiateBody(), headers);
    expect(answer.status).toBe(403);
    expect(answer.json().message).toMatch(field);
  });

  it.each([
    [
      'customerInternalReference',
      { customerInternalReference: undefined },
      /customerInternalReference is required/,
    ],
    ['userReference', { userReference: '' }, /userReference is required/],
    ['userReference', { userReference: 'u'.repeat(101) }, /userReference must be at most 100/],
    [
      'reportingCriteria',
      { reportingCriteria: 'r'.repeat(101) },
      /reportingCriteria must be at most 100/,
    ],
    [
      'customerInternalReference',
      { customerInternalReference: 42 },
      /customerInternalReference must be a string/,
    ],
    ['successUrl', { successUrl: 'http://bank.example.com/ok' }, /successUrl must use https/],
    [
      'successUrl',
      { successUrl: 'https://bank.example.com/ok#top' },
      /successUrl must not contain a fragment/,
    ],
    [
      'errorUrl',
      { errorUrl: 'https://bank.example.com:8443/err' },
      /errorUrl must not contain a port/,
    ],
    ['errorUrl', { errorUrl: 'https://10.0.0.1/err' }, /errorUrl must use a domain name/],
    ['errorUrl', { errorUrl: 'not a url' }, /errorUrl must be/],
    [
      'errorUrl',
      { errorUrl: `https://bank.example.com/${'e'.repeat(240)}` },
      /errorUrl must be at most 255/,
    ],
    [
      'callbackUrl',
      { callbackUrl: 'https://bank.example.com/cb?errorCode=1' },
      /callbackUrl must not contain the query parameter errorCode/,
    ],
    ['workflowId', { workflowId: 300 }, /workflowId must be one of/],
    ['workflowId', { workflowId: '200' }, /workflowId must be an integer/],
    ['locale', { locale: 'en_GB' }, /locale must be/],
    [
      'tokenLifetimeInMinutes',
      { tokenLifetimeInMinutes: 4 },
      /tokenLifetimeInMinutes must be at least 5/,
    ],
    [
      'tokenLifetimeInMinutes',
      { tokenLifetimeInMinutes: 86401 },
      /tokenLifetimeInMinutes must be at most 86400/,
    ],
    ['presets', { presets: { index: 1 } }, /presets must be an array/],
    [
      'presets[0].country',
      { presets: [{ index: 1, country: 'DE', type: 'PASSPORT' }] },
      /presets\[0\]\.country must be an ISO 3166-1 alpha-3/,
    ],
    [
      'presets[0].country',
      { presets: [{ index: 1, country: 'XYZ', type: 'PASSPORT' }] },
      /presets\[0\]\.country must be an ISO 3166-1 alpha-3/,
    ],
    [
      'presets[0].type',
      { presets: [{ index: 1, country: 'AUT', type: 'VISA' }] },
      /presets\[0\]\.type must be one of/,
    ],
    [
      'presets[0].type',
      { presets: [{ index: 1, country: 'AUT' }] },
      /presets\[0\]\.type is required/,
    ],
  ])('answers 400 naming %s', async (_field, overrides, message) => {
    const answer = await initiate(validInitiateBody(overrides));
    expect(answer.status).toBe(400);
    expect(answer.json().message).toMatch(message);
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    const answer = await send({
      method: 'POST',
      url: `${sandbox.url}/api/v4/initiate`,
      headers: {
        ...{ Authorization: basicAuth(), 'User-Agent': 'T/1', Accept: 'application/json' },
        'Content-Type': 'application/json',
      },
      body: '[1,2]',
    });
    expect(answer.status).toBe(400);
    expect(answer.json().message).toMatch(/body/);
  });

  it('allows a 2047-character successUrl but no longer', async () => {
    const base = 'https://bank.example.com/';
    const ok = await initiate(
      validInitiateBody({ successUrl: base + 'a'.repeat(2047 - base.length) }),
    );
    expect(ok.status).toBe(200);
    const tooLong = await initiate(
      validInitiateBody({ successUrl: base + 'a'.repeat(2048 - base.length) }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.json().message).toMatch(/successUrl must be at most 2047/);
  });

  it('relaxes the URL rules for loopback hosts only (http and a port)', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      const answer = await initiate(
        validInitiateBody({ callbackUrl: `http://${host}/api/jumio/callback/t` }),
      );
      expect(answer.status).toBe(200);
    }
    const other = await initiate(
      validInitiateBody({ callbackUrl: 'http://bank.example.com:3000/cb' }),
    );
    expect(other.status).toBe(400);
  });

  it('accepts Kosovo (XKX) and all three preset types', async () => {
    for (const type of ['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD']) {
      const answer = await initiate(
        validInitiateBody({ presets: [{ index: 1, country: 'XKX', type }] }),
      );
      expect(answer.status).toBe(200);
    }
  });

  it('marks every answer, also errors and unknown paths, with X-Jumio-Sandbox', async () => {
    const missing = await send({ url: `${sandbox.url}/api/netverify/v2/nothing-here` });
    expect(missing.status).toBe(404);
    expect(missing.headers['x-jumio-sandbox']).toBe('true');
    const wrongMethod = await send({ method: 'GET', url: `${sandbox.url}/api/v4/initiate` });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['x-jumio-sandbox']).toBe('true');
  });
});
