import { CALLBACK_USER_AGENT, type JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { submitCapture } from './support/capture-journey';
import { acquire, initiate, startTestSandbox } from './support/sandbox-fixture';
import { getJson, jumioGetHeaders, send } from './support/sandbox-http';

/** UTC with 0 to 3 millisecond digits (jumio-api.md §1.3). */
const JUMIO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ID_CHECKS = [
  'idCheckDataPositions',
  'idCheckDocumentValidation',
  'idCheckHologram',
  'idCheckMRZcode',
  'idCheckMicroprint',
  'idCheckSecurityFeatures',
  'idCheckSignature',
];

describe('sandbox: callbacks, retrieval and delete', () => {
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

  /** Runs a web Netverify journey to its callback and answers what the receiver got. */
  async function netverifyScan(outcome: string, overrides: Record<string, unknown> = {}) {
    const created = await initiate(sandbox, { callbackUrl: receiver.url, ...overrides });
    await submitCapture(created.redirectUrl, { outcome, withFile: true });
    await sandbox.control.waitForCallbacks(1, { reference: created.transactionReference });
    const [callback] = receiver.bodiesFor(created.transactionReference);
    return { reference: created.transactionReference, callback };
  }

  describe('Netverify', () => {
    it('posts an APPROVED_VERIFIED callback form-encoded, with nested JSON strings', async () => {
      const { reference, callback } = await netverifyScan('APPROVED_VERIFIED', {
        customerInternalReference: 'cir-approved',
        userReference: 'user-approved',
        reportingCriteria: 'poi-web',
        presets: [{ index: 1, country: 'DEU', type: 'ID_CARD' }],
      });
      expect(callback.path).toBe('/api/jumio/callback/secret-token-123');
      expect(callback.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(callback.headers['user-agent']).toBe(CALLBACK_USER_AGENT);
      const form = Object.fromEntries(callback.form);
      expect(form).toMatchObject({
        callBackType: 'NETVERIFYID',
        jumioIdScanReference: reference,
        verificationStatus: 'APPROVED_VERIFIED',
        idScanStatus: 'SUCCESS',
        idScanSource: 'WEB_UPLOAD',
        merchantIdScanReference: 'cir-approved',
        customerId: 'user-approved',
        merchantReportingCriteria: 'poi-web',
        idType: 'ID_CARD',
        idCountry: 'DEU',
        idFirstName: 'JANE',
        idLastName: 'SANDBOX',
        idDob: '1990-04-12',
        idExpiry: '2032-06-30',
      });
      for (const check of ID_CHECKS) expect(form[check]).toBe('OK');
      expect(form.transactionDate).toMatch(JUMIO_DATE);
      expect(form.callbackDate).toMatch(JUMIO_DATE);
      expect(JSON.parse(form.identityVerification)).toEqual({
        similarity: 'MATCH',
        validity: true,
      });
      expect(JSON.parse(form.idAddress)).toMatchObject({
        country: 'DEU',
        city: expect.any(String),
      });
      expect(form.rejectReason).toBeUndefined();
      for (const field of ['idScanImage', 'idScanImageBackside', 'idScanImageFace']) {
        expect(
          form[field].startsWith(`${sandbox.url}/api/netverify/v2/scans/${reference}/images/`),
        ).toBe(true);
      }
    });

    it('reports the same values through the Retrieval API', async () => {
      const { reference, callback } = await netverifyScan('APPROVED_VERIFIED');
      const form = Object.fromEntries(callback.form);
      const status = await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`);
      expect(status.status).toBe(200);
      expect(status.json()).toMatchObject({ scanReference: reference, status: 'DONE' });
      const data = (await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}/data`)).json<{
        transaction: Record<string, string>;
        document: Record<string, unknown>;
        verification: Record<string, unknown>;
      }>();
      expect(data.transaction).toMatchObject({
        status: 'DONE',
        source: form.idScanSource,
        date: form.transactionDate,
        merchantScanReference: form.merchantIdScanReference,
        customerId: form.customerId,
      });
      expect(data.document).toMatchObject({
        status: form.verificationStatus,
        type: form.idType,
        issuingCountry: form.idCountry,
        firstName: form.idFirstName,
        lastName: form.idLastName,
        dob: form.idDob,
        expiry: form.idExpiry,
        number: form.idNumber,
        address: JSON.parse(form.idAddress),
      });
      // Retrieval's sample has validity as a string; the callback a boolean.
      expect(data.verification.identityVerification).toEqual({
        similarity: 'MATCH',
        validity: 'true',
      });
      const images = await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}/images`);
      const hrefs = images.json<{ images: { href: string }[] }>().images.map((image) => image.href);
      expect(hrefs).toContain(form.idScanImage);
      const front = await send({
        url: form.idScanImage,
        headers: jumioGetHeaders({ Accept: 'image/jpeg, image/png' }),
      });
      expect(front.status).toBe(200);
      expect(front.headers['content-type']).toBe('image/png');
    });

    it('DENIED_FRAUD carries rejectReason 107 and N/A checks', async () => {
      const { callback } = await netverifyScan('DENIED_FRAUD');
      expect(callback.form.get('idScanStatus')).toBe('ERROR');
      expect(callback.form.get('idCheckHologram')).toBe('N/A');
      expect(JSON.parse(callback.form.get('rejectReason') ?? '')).toEqual({
        rejectReasonCode: '107',
        rejectReasonDescription: 'PHOTO_MISMATCH',
      });
      expect(callback.form.get('identityVerification')).toBeNull();
    });

    it('ERROR_NOT_READABLE_ID carries rejectReason 200 with details as object or array', async () => {
      const shapes = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const { callback } = await netverifyScan('ERROR_NOT_READABLE_ID');
        const reason = JSON.parse(callback.form.get('rejectReason') ?? '');
        expect(reason).toMatchObject({
          rejectReasonCode: '200',
          rejectReasonDescription: 'NOT_READABLE_DOCUMENT',
        });
        shapes.add(Array.isArray(reason.rejectReasonDetails) ? 'array' : 'object');
        expect(callback.form.get('idFirstName')).toBeNull();
      }
      expect(shapes).toEqual(new Set(['array', 'object']));
    });

    it('varies the millisecond digits of dates, 0 to 3', async () => {
      const digits = new Set<number>();
      for (const record of sandbox.control.callbacks({})) {
        for (const field of ['transactionDate', 'callbackDate', 'timestamp']) {
          const value = record.fields[field];
          if (!value) continue;
          expect(value).toMatch(JUMIO_DATE);
          digits.add(/\.(\d+)Z$/.exec(value)?.[1].length ?? 0);
        }
      }
      expect(digits).toEqual(new Set([0, 1, 2, 3]));
    });

    it('answers PENDING before the outcome is decided', async () => {
      sandbox.control.setCallbackDelay(60_000);
      try {
        const created = await initiate(sandbox, { callbackUrl: receiver.url });
        const before = await getJson(
          sandbox.url,
          `/api/netverify/v2/scans/${created.transactionReference}`,
        );
        expect(before.json().status).toBe('PENDING');
        await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
        const processing = await getJson(
          sandbox.url,
          `/api/netverify/v2/scans/${created.transactionReference}/data`,
        );
        expect(processing.json()).toMatchObject({ transaction: { status: 'PENDING' } });
        expect(processing.json().document).toBeUndefined();
      } finally {
        sandbox.control.setCallbackDelay(0);
      }
    });

    it('delete removes images and data: retrieval answers 404 afterwards', async () => {
      const { reference, callback } = await netverifyScan('APPROVED_VERIFIED');
      const deleted = await send({
        method: 'DELETE',
        url: `${sandbox.url}/api/netverify/v2/scans/${reference}`,
        headers: jumioGetHeaders(),
      });
      expect(deleted.status).toBe(200);
      for (const path of ['', '/data', '/images']) {
        expect(
          (await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}${path}`)).status,
        ).toBe(404);
      }
      const image = await send({
        url: callback.form.get('idScanImage') ?? '',
        headers: jumioGetHeaders({ Accept: 'image/png' }),
      });
      expect(image.status).toBe(404);
      const again = await send({
        method: 'DELETE',
        url: `${sandbox.url}/api/netverify/v2/scans/${reference}`,
        headers: jumioGetHeaders(),
      });
      expect(again.status).toBe(404);
    });

    it('retrieval and delete need credentials, a User-Agent and known references', async () => {
      const { reference } = await netverifyScan('APPROVED_VERIFIED');
      const path = `/api/netverify/v2/scans/${reference}`;
      expect((await getJson(sandbox.url, path, { Authorization: undefined })).status).toBe(401);
      expect((await getJson(sandbox.url, path, { 'User-Agent': undefined })).status).toBe(403);
      expect(
        (await getJson(sandbox.url, '/api/netverify/v2/scans/00000000-0000-0000-0000-000000000000'))
          .status,
      ).toBe(404);
      // A Netverify reference is not a Document Verification one.
      expect((await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}`)).status).toBe(
        404,
      );
      const unauthorisedDelete = await send({
        method: 'DELETE',
        url: `${sandbox.url}${path}`,
        headers: jumioGetHeaders({ Authorization: undefined }),
      });
      expect(unauthorisedDelete.status).toBe(401);
    });

    it('sends no callback without a callbackUrl, and says so in the log', async () => {
      const created = await initiate(sandbox);
      await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
      const [record] = await sandbox.control.waitForCallbacks(1, {
        reference: created.transactionReference,
      });
      expect(record.delivery).toBe('NO_CALLBACK_URL');
      expect(receiver.bodiesFor(created.transactionReference)).toHaveLength(0);
      const logLines = (sandbox as JumioSandbox & { logLines: string[] }).logLines;
      expect(
        logLines.some(
          (line) => line.includes(created.transactionReference) && line.includes('no callbackUrl'),
        ),
      ).toBe(true);
    });
  });

  describe('Document Verification', () => {
    async function documentScan(outcome: string, overrides: Record<string, unknown> = {}) {
      const created = await acquire(sandbox, { callbackUrl: receiver.url, ...overrides });
      await submitCapture(created.clientRedirectUrl, { outcome, withFile: true });
      await sandbox.control.waitForCallbacks(1, { reference: created.scanReference });
      const [callback] = receiver.bodiesFor(created.scanReference);
      return { reference: created.scanReference, callback };
    }

    it('posts scanReference, timestamp and transaction / document JSON strings, no callBackType', async () => {
      const { reference, callback } = await documentScan('EXTRACTED', {
        type: 'BS',
        country: 'AUT',
        merchantScanReference: 'poa-cir-1',
        customerId: 'user-poa',
      });
      expect(callback.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect([...callback.form.keys()].sort()).toEqual([
        'document',
        'scanReference',
        'timestamp',
        'transaction',
      ]);
      expect(callback.form.get('scanReference')).toBe(reference);
      expect(callback.form.get('timestamp')).toMatch(JUMIO_DATE);
      const transaction = JSON.parse(callback.form.get('transaction') ?? '');
      expect(transaction).toEqual({
        customerId: 'user-poa',
        merchantScanReference: 'poa-cir-1',
        status: 'DONE',
        source: 'DOC_UPLOAD',
        date: expect.stringMatching(JUMIO_DATE),
      });
      const document = JSON.parse(callback.form.get('document') ?? '');
      expect(document).toMatchObject({ type: 'BS', country: 'AUT', status: 'EXTRACTED' });
      expect(document.images).toEqual([
        `${sandbox.url}/api/netverify/v2/documents/${reference}/pages/1`,
      ]);
      expect(document.extractedData).toMatchObject({
        firstName: 'JANE SANDBOX',
        issueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        accountNumber: expect.any(String),
        address: { countryCode: 'AUT', city: expect.any(String), line1: expect.any(String) },
      });
    });

    it('retrieval agrees with the callback, with the nested extractedData string', async () => {
      const { reference, callback } = await documentScan('EXTRACTED');
      const document = JSON.parse(callback.form.get('document') ?? '');
      const transaction = JSON.parse(callback.form.get('transaction') ?? '');
      expect(
        (await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}`)).json(),
      ).toMatchObject({
        scanReference: reference,
        status: 'DONE',
      });
      const data = (
        await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}/data`)
      ).json<{
        transaction: Record<string, string>;
        document: {
          status: string;
          type: string;
          country: string;
          extractedData: Record<string, string>;
        };
      }>();
      expect(data.transaction).toEqual(transaction);
      expect(data.document).toMatchObject({
        status: document.status,
        type: document.type,
        country: document.country,
      });
      expect(data.document.extractedData.firstName).toBe(document.extractedData.firstName);
      expect(JSON.parse(data.document.extractedData.extractedData)).toMatchObject({
        addressFormat: 'RAW',
        line1: document.extractedData.address.line1,
        countryCode: document.extractedData.address.countryCode,
        issueDate: document.extractedData.issueDate,
      });
      const pages = (
        await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}/pages`)
      ).json<{
        images: { classifier: number; href: string }[];
      }>();
      expect(pages.images).toEqual([{ classifier: 1, href: document.images[0] }]);
    });

    it('UPLOADED has no extractedData; enableExtraction false turns EXTRACTED into UPLOADED', async () => {
      const uploaded = await documentScan('UPLOADED');
      expect(JSON.parse(uploaded.callback.form.get('document') ?? '')).not.toHaveProperty(
        'extractedData',
      );
      const noExtraction = await documentScan('EXTRACTED', { enableExtraction: false });
      expect(JSON.parse(noExtraction.callback.form.get('document') ?? '')).toMatchObject({
        status: 'UPLOADED',
      });
    });

    it('FAILED: transaction FAILED and no document', async () => {
      const { reference, callback } = await documentScan('FAILED');
      expect(callback.form.get('document')).toBeNull();
      expect(JSON.parse(callback.form.get('transaction') ?? '')).toMatchObject({
        status: 'FAILED',
      });
      expect(
        (await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}`)).json().status,
      ).toBe('FAILED');
    });

    it('delete: DV data answers 404 afterwards', async () => {
      const { reference } = await documentScan('EXTRACTED');
      const deleted = await send({
        method: 'DELETE',
        url: `${sandbox.url}/api/netverify/v2/documents/${reference}`,
        headers: jumioGetHeaders(),
      });
      expect(deleted.status).toBe(200);
      expect(
        (await getJson(sandbox.url, `/api/netverify/v2/documents/${reference}/data`)).status,
      ).toBe(404);
    });
  });
});
