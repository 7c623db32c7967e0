import type { JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { nextReference, startTestSandbox } from './support/sandbox-fixture';
import { basicAuth, getJson, postJson } from './support/sandbox-http';

describe('sandbox: mobile SDK 3.x stand-in', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({ callbackDelayMs: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('Netverify: answers a scanReference, then calls back with idScanSource SDK', async () => {
    const answer = await postJson(sandbox.url, '/sandbox/sdk/netverify', {
      customerInternalReference: 'sdk-cir-1',
      userReference: 'sdk-user-1',
      callbackUrl: receiver.url,
      country: 'AUT',
      idType: 'DRIVING_LICENSE',
      outcome: 'APPROVED_VERIFIED',
    });
    expect(answer.status).toBe(200);
    const { scanReference } = answer.json<{ scanReference: string }>();
    expect(Object.keys(answer.json())).toEqual(['scanReference']);
    await sandbox.control.waitForCallbacks(1, { reference: scanReference });
    const [callback] = receiver.bodiesFor(scanReference);
    expect(Object.fromEntries(callback.form)).toMatchObject({
      jumioIdScanReference: scanReference,
      verificationStatus: 'APPROVED_VERIFIED',
      idScanSource: 'SDK',
      merchantIdScanReference: 'sdk-cir-1',
      customerId: 'sdk-user-1',
      idType: 'DRIVING_LICENSE',
      idCountry: 'AUT',
      presetCountry: 'AUT',
      idCheckMRZcode: 'N/A',
    });
    const status = await getJson(sandbox.url, `/api/netverify/v2/scans/${scanReference}`);
    expect(status.json().status).toBe('DONE');
  });

  it('Netverify: a dropped-off scan ends FAILED with NO_ID_UPLOADED', async () => {
    const answer = await postJson(sandbox.url, '/sandbox/sdk/netverify', {
      customerInternalReference: nextReference('sdk'),
      userReference: 'sdk-user-2',
      callbackUrl: receiver.url,
      outcome: 'NO_ID_UPLOADED',
    });
    const { scanReference } = answer.json<{ scanReference: string }>();
    const [record] = await sandbox.control.waitForCallbacks(1, { reference: scanReference });
    expect(record.fields).toMatchObject({
      verificationStatus: 'NO_ID_UPLOADED',
      idScanSource: 'SDK',
    });
    expect(
      (await getJson(sandbox.url, `/api/netverify/v2/scans/${scanReference}`)).json().status,
    ).toBe('FAILED');
  });

  it('Document Verification: calls back with source DOC_SDK', async () => {
    const answer = await postJson(sandbox.url, '/sandbox/sdk/document-verification', {
      type: 'UB',
      country: 'GBR',
      customerInternalReference: 'sdk-poa-1',
      userReference: 'sdk-user-3',
      callbackUrl: receiver.url,
      outcome: 'EXTRACTED',
    });
    expect(answer.status).toBe(200);
    const { scanReference } = answer.json<{ scanReference: string }>();
    await sandbox.control.waitForCallbacks(1, { reference: scanReference });
    const [callback] = receiver.bodiesFor(scanReference);
    expect(JSON.parse(callback.form.get('transaction') ?? '')).toMatchObject({
      source: 'DOC_SDK',
      status: 'DONE',
      merchantScanReference: 'sdk-poa-1',
      customerId: 'sdk-user-3',
    });
    expect(JSON.parse(callback.form.get('document') ?? '')).toMatchObject({
      type: 'UB',
      country: 'GBR',
      status: 'EXTRACTED',
    });
  });

  it('an outcome preset by customerInternalReference wins over the request', async () => {
    sandbox.control.setOutcome({ customerInternalReference: 'sdk-preset' }, 'DENIED_FRAUD');
    const answer = await postJson(sandbox.url, '/sandbox/sdk/netverify', {
      customerInternalReference: 'sdk-preset',
      userReference: 'sdk-user-4',
      outcome: 'APPROVED_VERIFIED',
    });
    const { scanReference } = answer.json<{ scanReference: string }>();
    const [record] = await sandbox.control.waitForCallbacks(1, { reference: scanReference });
    expect(record.fields.verificationStatus).toBe('DENIED_FRAUD');
  });

  it('uses the same credentials and field rules as Jumio', async () => {
    const valid = { customerInternalReference: 'x', userReference: 'y' };
    const noAuth = await postJson(sandbox.url, '/sandbox/sdk/netverify', valid, {
      Authorization: undefined,
    });
    expect(noAuth.status).toBe(401);
    const wrong = await postJson(sandbox.url, '/sandbox/sdk/netverify', valid, {
      Authorization: basicAuth('a', 'b'),
    });
    expect(wrong.status).toBe(401);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['/sandbox/sdk/netverify', { ...valid, outcome: 'MAYBE' }, /outcome must be one of/],
      ['/sandbox/sdk/netverify', { ...valid, country: 'AUT' }, /idType must be set together/],
      [
        '/sandbox/sdk/netverify',
        { ...valid, customerInternalReference: 'c'.repeat(101) },
        /customerInternalReference must be at most 100/,
      ],
      [
        '/sandbox/sdk/netverify',
        { ...valid, callbackUrl: 'http://example.com/cb' },
        /callbackUrl must use https/,
      ],
      [
        '/sandbox/sdk/document-verification',
        { ...valid, type: 'UB', country: 'Austria' },
        /country must be at most 3/,
      ],
      [
        '/sandbox/sdk/document-verification',
        { ...valid, type: 'XX', country: 'AUT' },
        /type is not a supported document type code/,
      ],
      [
        '/sandbox/sdk/document-verification',
        { ...valid, type: 'UB', country: 'AUT', outcome: 'APPROVED_VERIFIED' },
        /outcome must be one of EXTRACTED, UPLOADED, FAILED/,
      ],
    ];
    for (const [path, body, message] of cases) {
      const answer = await postJson(sandbox.url, path, body);
      expect(answer.status).toBe(400);
      expect(answer.json().message).toMatch(message);
    }
  });
});
