import { PersonalDataCipher } from '@app/jumio/persistence/personal-data.cipher';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import { FLOW_PLATFORMS } from '../support/platform-flows';

const UTILITY_BILL = { documentType: 'UB', country: 'DEU' };

const CASES = FLOW_PLATFORMS.flatMap((platform) =>
  DATABASES.map((database) => ({ platform, database })),
);

describe.each(CASES)('POA flows ($platform.name, $database)', ({ platform, database }) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    // These users have no proof of identity: the name rule (test/trust/poa-rules) is off here, so the
    // suite checks the Document Verification flow itself.
    kit = await platform.startKit(database, { poaRules: { requireNameMatch: false } });
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

    await platform.finishWeb(started.body.redirectUrl, 'poaExtracted');
    await platform.waitForCallback(kit, pending.scanReference!);
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
    const scanReference = await platform.scanWithSdk(kit, started.body, 'poaExtracted');
    await platform.waitForCallback(kit, scanReference);
    expect((await user.post('poa', 'setScanTransaction', { scanReference })).status).toBe(200);
    expect(
      (await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' })).body,
    ).toMatchObject({
      channel: 'MOBILE',
      scanReference,
      verification: { decision: 'APPROVED' },
    });
  });

  it('web: an upload that never finalises (legacy FAILED, KYX session expired) reopens the step with RETRY, not counted as an attempt', async () => {
    const user = kit.as('poa-failed');
    const started = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    await platform.finishWeb(started.redirectUrl, 'poaUnfinished');
    const { scanReference } = await user.status('poa');
    await platform.waitForCallback(kit, scanReference!);
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
    const before = platform.scansAtJumio(kit);
    const first = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    const same = (await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL })).body;
    expect(same).toEqual(first);
    const other = (
      await user.post('poa', 'acquisitions', { ...WEB_URLS, documentType: 'BS', country: 'DEU' })
    ).body;
    expect(other.transactionId).not.toBe(first.transactionId);
    expect(platform.scansAtJumio(kit)).toBe(before + 2);
  });

  it('keeps POI and POA apart: each type has its own step', async () => {
    const user = kit.as('poa-and-poi');
    await user.post('poa', 'startScanTransaction', UTILITY_BILL);
    expect((await user.status('poi')).status).toBe('NOT_STARTED_YET');
    expect((await user.status('poa')).status).toBe('PENDING');
  });
});
