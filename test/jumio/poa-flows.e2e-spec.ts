import { PersonalDataCipher } from '@app/jumio/data-protection/personal-data.cipher';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  scanWithSdk,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';

const UTILITY_BILL = { documentType: 'UB', country: 'DEU' };

describe.each(DATABASES)('POA flows (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    // These users have no proof of identity: the name rule (test/trust/poa-rules) is off here, so the
    // suite checks the Document Verification flow itself.
    kit = await startJumioTestKit(database, { poaRules: { requireNameMatch: false } });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('web: acquisition, upload, callback → SUCCESS and APPROVED, extracted data kept in one column', async () => {
    const user = kit.as('poa-web');
    const started = await user.post('poa', 'acquisitions', {
      ...WEB_URLS,
      ...UTILITY_BILL,
      locale: 'pt-BR',
    });
    expect(started.status).toBe(200);
    const pending = await user.status('poa');
    expect(pending).toMatchObject({ type: 'POA', status: 'PENDING', channel: 'WEB', attempts: 1 });

    await finishWebJourney(started.body.redirectUrl, 'EXTRACTED');
    await kit.sandbox.control.waitForCallbacks(1, { reference: pending.scanReference! });
    const reported = await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
    expect(reported.body).toMatchObject({
      status: 'SUCCESS',
      verification: { decision: 'APPROVED', jumioStatus: expect.any(String) },
    });
    const [result] = await kit.rows<{ id: string; extracted_data: string; source: string }>(
      'jumio_verification_result',
      `"scan_transaction_id" = '${pending.transactionId}'`,
    );
    expect(result.source).toBe('CALLBACK');
    // Encrypted at rest, bound to its row (data protection): it opens only through the module's cipher.
    expect(result.extracted_data).toMatch(/^v1:/);
    const cipher = kit.app.app.get(PersonalDataCipher);
    expect(cipher.openExtractedData(result.id, result.extracted_data)).toEqual(expect.any(Object));
  });

  it('mobile: start with document type and country, SDK scan → APPROVED', async () => {
    const user = kit.as('poa-mobile');
    const started = await user.post('poa', 'startScanTransaction', UTILITY_BILL);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject(UTILITY_BILL);
    const scanReference = await scanWithSdk(kit.sandbox, started.body, 'EXTRACTED', {
      type: 'UB',
      country: 'DEU',
    });
    await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference });
    expect((await user.post('poa', 'setScanTransaction', { scanReference })).status).toBe(200);
    expect(
      (await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' })).body,
    ).toMatchObject({
      channel: 'MOBILE',
      scanReference,
      verification: { decision: 'APPROVED' },
    });
  });

  it('web: an upload that never finalises (FAILED) reopens the step with RETRY, not counted as an attempt', async () => {
    const user = kit.as('poa-failed');
    const started = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    await finishWebJourney(started.redirectUrl, 'FAILED');
    const { scanReference } = await user.status('poa');
    await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
    expect(await user.status('poa')).toMatchObject({
      status: 'NOT_STARTED_YET',
      attempts: 1,
      verification: { decision: 'RETRY' },
    });
    const again = await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL });
    expect(again.status).toBe(200);
    // An abandoned upload used nothing up: the new acquisition is still attempt 1.
    expect(await user.status('poa')).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      verification: null,
    });
  });

  it('web: reuse needs the same document; another document type starts a new acquisition', async () => {
    const user = kit.as('poa-reuse');
    const before = kit.sandbox.control.findTransactions().length;
    const first = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    const same = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    expect(same).toEqual(first);
    const other = (
      await user.post('poa', 'acquisitions', { ...WEB_URLS, documentType: 'BS', country: 'DEU' })
    ).body;
    expect(other.transactionId).not.toBe(first.transactionId);
    expect(kit.sandbox.control.findTransactions().length).toBe(before + 2);
  });

  it('keeps POI and POA apart: each type has its own step', async () => {
    const user = kit.as('poa-and-poi');
    await user.post('poa', 'startScanTransaction', UTILITY_BILL);
    expect((await user.status('poi')).status).toBe('NOT_STARTED_YET');
    expect((await user.status('poa')).status).toBe('PENDING');
  });
});
