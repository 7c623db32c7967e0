import type { JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { startTestSandbox } from './support/sandbox-fixture';
import { basicAuth, getJson, postJson, send } from './support/sandbox-http';

/** Where the sandbox follows Jumio's published behaviour rather than the friendliest one (corrections #36). */
describe('sandbox: Jumio’s real shapes (sample callbacks, DISCARDED, rate limits, credentials)', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;
  let sequence = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({
      retrievalApiToken: 'admin-token',
      retrievalApiSecret: 'admin-secret',
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });
  afterEach(() => sandbox.control.reset());

  async function sdkScan(product: 'netverify' | 'document-verification', extra: object) {
    sequence += 1;
    const answer = await postJson(sandbox.url, `/sandbox/sdk/${product}`, {
      customerInternalReference: `fidelity-${sequence}`,
      userReference: 'fidelity-user',
      callbackUrl: receiver.url,
      ...extra,
    });
    expect(answer.status).toBe(200);
    const { scanReference } = answer.json<{ scanReference: string }>();
    const [record] = await sandbox.control.waitForCallbacks(1, { reference: scanReference });
    return { scanReference, fields: record.fields };
  }

  it('sends Netverify callbacks in the published sample shape (no date fields) when asked over HTTP', async () => {
    const shape = await send({
      method: 'PUT',
      url: `${sandbox.url}/sandbox/control/callback-shape`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ shape: 'sample' }),
    });
    expect(shape.status).toBe(200);
    const sample = await sdkScan('netverify', { outcome: 'APPROVED_VERIFIED' });
    expect(sample.fields).toMatchObject({ verificationStatus: 'APPROVED_VERIFIED' });
    expect(sample.fields).not.toHaveProperty('transactionDate');
    expect(sample.fields).not.toHaveProperty('callbackDate');

    sandbox.control.reset();
    const full = await sdkScan('netverify', { outcome: 'APPROVED_VERIFIED' });
    expect(full.fields).toHaveProperty('transactionDate');
    expect(full.fields).toHaveProperty('callbackDate');
  });

  it.each(['PB', 'CB', 'TR', 'LAG', 'VT'])(
    'answers DISCARDED, without extracted data, for %s (outside Jumio’s extraction table)',
    async (type) => {
      const { scanReference, fields } = await sdkScan('document-verification', {
        type,
        country: 'GBR',
        outcome: 'EXTRACTED',
      });
      expect(JSON.parse(fields.document)).toMatchObject({ type, status: 'DISCARDED' });
      expect(JSON.parse(fields.document)).not.toHaveProperty('extractedData');
      const retrieved = await getJson(
        sandbox.url,
        `/api/netverify/v2/documents/${scanReference}/data`,
        { Authorization: basicAuth('admin-token', 'admin-secret') },
      );
      expect(retrieved.json<{ document: object }>().document).toMatchObject({
        status: 'DISCARDED',
      });
    },
  );

  it.each(['BS', 'UB', 'CCS'])('extracts %s', async (type) => {
    const { fields } = await sdkScan('document-verification', {
      type,
      country: 'GBR',
      outcome: 'EXTRACTED',
    });
    expect(JSON.parse(fields.document)).toMatchObject({
      status: 'EXTRACTED',
      extractedData: expect.any(Object),
    });
  });

  it('with a separate retrieval pair, retrieval takes only that pair and starts only the API pair', async () => {
    const { scanReference } = await sdkScan('netverify', { outcome: 'APPROVED_VERIFIED' });
    const path = `/api/netverify/v2/scans/${scanReference}`;
    expect((await getJson(sandbox.url, path)).status).toBe(401);
    const admin = { Authorization: basicAuth('admin-token', 'admin-secret') };
    expect((await getJson(sandbox.url, path, admin)).status).toBe(200);
    expect((await postJson(sandbox.url, '/api/v4/initiate', {}, admin)).status).toBe(401);
  });

  it('enforces Jumio’s documented limits when asked: the 6th initiate within 5 s gets a 429', async () => {
    const limits = await send({
      method: 'PUT',
      url: `${sandbox.url}/sandbox/control/rate-limits`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(limits.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await postJson(sandbox.url, '/api/v4/initiate', {
            customerInternalReference: `limit-${i}`,
            userReference: 'limit-user',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await send({ url: `${sandbox.url}/sandbox/control/rate-limits` });
    expect(refused.json<{ refused: number }>().refused).toBeGreaterThanOrEqual(1);
  });
});
