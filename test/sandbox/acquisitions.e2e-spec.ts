import type { JumioSandbox } from '@app/jumio-sandbox';
import { startTestSandbox, validAcquisitionBody } from './support/sandbox-fixture';
import { basicAuth, postJson } from './support/sandbox-http';

describe('sandbox: POST /api/netverify/v2/acquisitions (Document Verification web)', () => {
  let sandbox: JumioSandbox;
  const acquire = (body: unknown, headers: Record<string, string | undefined> = {}) =>
    postJson(sandbox.url, '/api/netverify/v2/acquisitions', body, headers);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('answers timestamp, scanReference and a clientRedirectUrl with an initiationToken', async () => {
    const answer = await acquire(validAcquisitionBody({ locale: 'en_GB' }));
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(Object.keys(body).sort()).toEqual(['clientRedirectUrl', 'scanReference', 'timestamp']);
    expect(String(body.scanReference)).toHaveLength(36);
    const redirect = new URL(String(body.clientRedirectUrl));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(
      `${sandbox.url}/api/netverify/v2/acquisitions`,
    );
    expect([...redirect.searchParams.keys()]).toEqual(['initiationToken']);
    expect(String(body.clientRedirectUrl).length).toBeLessThanOrEqual(2000);
  });

  it('answers 401 without credentials and 403 without a User-Agent', async () => {
    expect((await acquire(validAcquisitionBody(), { Authorization: undefined })).status).toBe(401);
    expect(
      (await acquire(validAcquisitionBody(), { Authorization: basicAuth('test-token', 'x') }))
        .status,
    ).toBe(401);
    expect((await acquire(validAcquisitionBody(), { 'User-Agent': undefined })).status).toBe(403);
  });

  it.each([
    ['type', { type: undefined }, /type is required/],
    ['type', { type: 'PASSPORT' }, /type is not a supported document type code/],
    ['type', { type: 'OTHER' }, /type is not a supported document type code/],
    ['country', { country: undefined }, /country is required/],
    ['country', { country: 'AT' }, /country must be an ISO 3166-1 alpha-3/],
    ['country', { country: 'ZZZ' }, /country must be an ISO 3166-1 alpha-3/],
    [
      'merchantScanReference',
      { merchantScanReference: 'm'.repeat(101) },
      /merchantScanReference must be at most 100/,
    ],
    ['customerId', { customerId: undefined }, /customerId is required/],
    ['customDocumentCode', { type: 'CUSTOM' }, /customDocumentCode is required/],
    [
      'successUrl',
      { successUrl: 'https://bank.example.com/ok?step=poa' },
      /successUrl must not contain query parameters/,
    ],
    [
      'callbackUrl',
      { callbackUrl: `https://bank.example.com/${'c'.repeat(240)}` },
      /callbackUrl must be at most 255/,
    ],
    ['enableExtraction', { enableExtraction: 'yes' }, /enableExtraction must be a boolean/],
    [
      'authorizationTokenLifetime',
      { authorizationTokenLifetime: 5184001 },
      /authorizationTokenLifetime must be at most 5184000/,
    ],
    ['bgColor', { baseColor: 'FF0000' }, /bgColor must be sent with the other colour/],
    [
      'baseColor',
      { baseColor: 'red', bgColor: 'FFFFFF' },
      /baseColor must be a 6-digit hex colour/,
    ],
    ['locale', { locale: 'en-GB' }, /locale must be a locale such as en or en_GB/],
  ])('answers 400 naming %s', async (_field, overrides, message) => {
    const answer = await acquire(validAcquisitionBody(overrides));
    expect(answer.status).toBe(400);
    expect(answer.json().message).toMatch(message);
  });

  it('accepts a credit card without country, Kosovo, and CUSTOM with its code', async () => {
    expect((await acquire(validAcquisitionBody({ type: 'CC', country: undefined }))).status).toBe(
      200,
    );
    expect((await acquire(validAcquisitionBody({ country: 'XKX' }))).status).toBe(200);
    const custom = await acquire(
      validAcquisitionBody({ type: 'CUSTOM', customDocumentCode: 'RENTAL' }),
    );
    expect(custom.status).toBe(200);
  });
});
