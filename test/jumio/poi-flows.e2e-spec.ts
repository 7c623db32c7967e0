import { DATABASES } from '../support/create-test-app';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import { FLOW_PLATFORMS } from '../support/platform-flows';

const CASES = FLOW_PLATFORMS.flatMap((platform) =>
  DATABASES.map((database) => ({ platform, database })),
);

describe.each(CASES)('POI flows ($platform.name, $database)', ({ platform, database }) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await platform.startKit(database);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('reports NOT_STARTED_YET before the first start, on GET and POST', async () => {
    const user = kit.as('poi-fresh');
    const viaGet = await user.get('poi', 'getScanTransactionStatus');
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toEqual({
      type: 'POI',
      status: 'NOT_STARTED_YET',
      transactionId: null,
      channel: null,
      scanReference: null,
      attempts: 0,
      verification: null,
      updatedAt: null,
    });
    expect((await user.post('poi', 'getScanTransactionStatus')).body).toEqual(viaGet.body);
  });

  it('web: initiate, capture, callback → SUCCESS and APPROVED', async () => {
    const user = kit.as('poi-web');
    const started = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'en_GB' });
    expect(started.status).toBe(200);
    expect(started.body.redirectUrl.startsWith(kit.sandbox.url)).toBe(true);

    const pending = await user.status('poi');
    expect(pending).toMatchObject({
      status: 'PENDING',
      channel: 'WEB',
      attempts: 1,
      verification: null,
    });
    expect(pending.transactionId).toBe(started.body.transactionId);
    const jumioScan = platform.scanAtJumio(kit, pending.scanReference!);
    expect(jumioScan?.callbackUrl).toMatch(/\/api\/jumio\/callback\/[A-Za-z0-9_-]{43}$/);
    expect(jumioScan?.customerInternalReference).not.toContain('poi-web');
    expect(jumioScan?.userReference).not.toContain('poi-web');

    await platform.finishWeb(started.body.redirectUrl, 'approved');
    expect(await platform.waitForCallback(kit, pending.scanReference!)).toBe('DELIVERED');

    const reported = await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({
      status: 'SUCCESS',
      verification: {
        decision: 'APPROVED',
        jumioStatus: platform.jumioStatus.approved,
        reasons: [],
      },
    });
    const results = await kit.rows(
      'jumio_verification_result',
      `"scan_transaction_id" = '${pending.transactionId}'`,
    );
    expect(results).toHaveLength(1);
    const inbox = await kit.rows(
      'jumio_callback_inbox',
      `"scan_transaction_id" = '${pending.transactionId}'`,
    );
    expect(inbox).toMatchObject([{ outcome: 'APPLIED' }]);

    const again = await user.post('poi', 'initiate', WEB_URLS);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('INVALID_STATE');
  });

  it('mobile: start, SDK scan, setScanTransaction, status → SUCCESS and APPROVED', async () => {
    const user = kit.as('poi-mobile');
    const started = await user.post('poi', 'startScanTransaction', {
      country: 'DEU',
      idType: 'ID_CARD',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      dataCenter: platform.dataCenter,
      documentType: 'ID_CARD',
      country: 'DEU',
    });
    // Never a credential in what an app receives (no field for one, and no secret anywhere).
    expect(started.body).not.toHaveProperty('credentials');
    expect(JSON.stringify(started.body)).not.toMatch(/sandbox-(token|secret)|apiToken|apiSecret/);
    expect(started.body.callbackUrl).toBe(
      `${kit.app.url}/api/jumio/callback/${started.body.callbackUrl.split('/').pop()}`,
    );

    // The callback (delay 0) may well arrive before the app reports the scanReference: it is matched by
    // customerInternalReference and fills the reference in.
    const scanReference = await platform.scanWithSdk(kit, started.body, 'approved');
    await platform.waitForCallback(kit, scanReference);

    const linked = await user.post('poi', 'setScanTransaction', { scanReference });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ channel: 'MOBILE', scanReference });
    const done = await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    expect(done.body).toMatchObject({
      status: 'SUCCESS',
      transactionId: started.body.transactionId,
      verification: { decision: 'APPROVED' },
    });
  });

  it('mobile: a user who reports the scanReference first gets the result the same way', async () => {
    const user = kit.as('poi-mobile-2');
    kit.sandbox.control.dropCallbacks(1);
    const started = (await user.post('poi', 'startScanTransaction', {})).body;
    const scanReference = await platform.scanWithSdk(kit, started, 'approved');
    await platform.waitForCallback(kit, scanReference);
    expect((await user.post('poi', 'setScanTransaction', { scanReference })).status).toBe(200);
    expect(
      (await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' })).body,
    ).toMatchObject({
      status: 'SUCCESS',
      scanReference,
      verification: { decision: 'PENDING' },
    });

    await platform.resendCallback(kit, scanReference);
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'APPROVED' } });
  });

  it('web: a repeated start with the same parameters reuses the open transaction (Jumio called once)', async () => {
    const user = kit.as('poi-reuse');
    const before = platform.scansAtJumio(kit);
    const first = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'de' });
    const second = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'de' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(platform.scansAtJumio(kit)).toBe(before + 1);

    const otherLocale = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'fr' });
    expect(otherLocale.body.transactionId).not.toBe(first.body.transactionId);
    expect(platform.scansAtJumio(kit)).toBe(before + 2);
    const open = await kit.rows(
      'jumio_scan_transaction',
      `"user_id" = 'poi-reuse' AND "open_key" IS NOT NULL`,
    );
    expect(open).toHaveLength(1);
  });

  it('web: fraud is final: REJECTED, and no new start', async () => {
    const user = kit.as('poi-fraud');
    const started = (await user.post('poi', 'initiate', WEB_URLS)).body;
    await platform.finishWeb(started.redirectUrl, 'fraud');
    const { scanReference } = await user.status('poi');
    await platform.waitForCallback(kit, scanReference!);
    const status = await user.status('poi');
    expect(status).toMatchObject({ status: 'SUCCESS', verification: { decision: 'REJECTED' } });
    expect(status.verification?.reasons).toContain(platform.fraudReason);
    const again = await user.post('poi', 'startScanTransaction', {});
    expect(again.status).toBe(409);
  });

  it('ERROR from the client ends the attempt so the user can start again', async () => {
    const user = kit.as('poi-error');
    const first = (await user.post('poi', 'startScanTransaction', {})).body;
    const failed = await user.post('poi', 'setScanTransactionStatus', {
      status: 'ERROR',
      errorCode: 'G00000',
    });
    expect(failed.body).toMatchObject({
      status: 'NOT_STARTED_YET',
      transactionId: first.transactionId,
    });
    const second = (await user.post('poi', 'startScanTransaction', {})).body;
    expect(second.transactionId).not.toBe(first.transactionId);
    expect(await user.status('poi')).toMatchObject({ status: 'PENDING', attempts: 1 });
    const [row] = await kit.rows<{ error_code: string }>(
      'jumio_scan_transaction',
      `"id" = '${first.transactionId}'`,
    );
    expect(row.error_code).toBe('G00000');
  });
});
