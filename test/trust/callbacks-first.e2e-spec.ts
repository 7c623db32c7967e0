import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  scanWithSdk,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
  type UserClient,
} from '../support/jumio-test-kit';

/** How long a decision may take once Jumio's callback is answered (polling alone would take up to a day). */
const DECIDES_WITHIN_MS = 5_000;

/**
 * "Save it, answer 200, validate afterwards" (Jumio's callback guide; corrections #16): any callback for a
 * known token is stored and answered 200, and the inbox worker validates it and confirms it through the
 * Retrieval API. Reconciliation is off, so only the callback can decide here.
 */
describe.each(DATABASES)('callbacks: 200 first, validate later (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, { reconciliationIntervalMs: 0 });
  });
  afterAll(async () => {
    await kit?.close();
  });
  afterEach(() => kit.sandbox.control.reset());

  async function decision(user: UserClient, step: 'poi' | 'poa' = 'poi') {
    const until = Date.now() + DECIDES_WITHIN_MS;
    for (;;) {
      const status = await user.status(step);
      const decided = status.verification?.decision;
      if ((decided && decided !== 'PENDING') || Date.now() > until) return status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function webScan(userId: string, dropCallback = false) {
    const user = kit.as(userId);
    const started = await user.post('poi', 'initiate', WEB_URLS);
    expect(started.status).toBe(200);
    if (dropCallback) kit.sandbox.control.dropCallbacks(1);
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    const { scanReference } = await user.status('poi');
    const [record] = await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
    return { user, transactionId: started.body.transactionId as string, record };
  }

  async function inboxOf(transactionId: string) {
    return kit.rows<{ outcome: string | null; error_field: string | null }>(
      'jumio_callback_inbox',
      `"scan_transaction_id" = '${transactionId}'`,
    );
  }

  it("a callback in Jumio's sample shape (no transactionDate, no callbackDate) is answered 200 and decides within seconds", async () => {
    kit.sandbox.control.setCallbackShape('sample');
    const { user, transactionId, record } = await webScan('sample-shape');
    expect(record.fields).not.toHaveProperty('transactionDate');
    expect(record.fields).not.toHaveProperty('callbackDate');
    expect(record).toMatchObject({ delivery: 'DELIVERED', responseStatus: 200 });

    expect(await decision(user)).toMatchObject({ verification: { decision: 'APPROVED' } });
    expect(await inboxOf(transactionId)).toEqual([
      expect.objectContaining({ outcome: 'APPLIED', error_field: null }),
    ]);
  });

  it('a callback that cannot be read is answered 200 and decided by retrieving its transaction', async () => {
    const { user, transactionId, record } = await webScan('unreadable-web', true);
    expect(record.delivery).toBe('DROPPED');
    const callbackUrl = kit.sandbox.control.transaction(record.reference)!.callbackUrl!;
    // A shape the module does not know: no status, a date it cannot read.
    const answer = await request(callbackUrl).post('').type('form').send({
      callBackType: 'NETVERIFYID',
      jumioIdScanReference: record.reference,
      callbackDate: 'yesterday evening',
    });
    expect(answer.status).toBe(200);

    expect(await decision(user)).toMatchObject({ verification: { decision: 'APPROVED' } });
    expect(await inboxOf(transactionId)).toEqual([
      expect.objectContaining({ outcome: 'APPLIED', error_field: 'verificationStatus' }),
    ]);
  });

  it('an unreadable callback for a mobile scan not yet linked is confirmed through the reference it names', async () => {
    const user = kit.as('unreadable-mobile');
    const handoff = (await user.post('poi', 'startScanTransaction', {})).body;
    kit.sandbox.control.dropCallbacks(1);
    const scanReference = await scanWithSdk(kit.sandbox, handoff, 'APPROVED_VERIFIED');
    await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference });

    const answer = await request(handoff.callbackUrl).post('').type('form').send({
      callBackType: 'NETVERIFYID',
      jumioIdScanReference: scanReference,
      idScanStatus: 'SUCCESS',
    });
    expect(answer.status).toBe(200);
    expect(await decision(user)).toMatchObject({
      scanReference,
      verification: { decision: 'APPROVED' },
    });
  });

  it("an unreadable callback naming another user's scan is answered 200 and changes nobody's result", async () => {
    const owner = kit.as('unreadable-owner');
    const intruder = kit.as('unreadable-intruder');
    const ownerStart = (await owner.post('poi', 'startScanTransaction', {})).body;
    const intruderStart = (await intruder.post('poi', 'startScanTransaction', {})).body;
    kit.sandbox.control.dropCallbacks(1);
    const ownerReference = await scanWithSdk(kit.sandbox, ownerStart, 'APPROVED_VERIFIED');
    await kit.sandbox.control.waitForCallbacks(1, { reference: ownerReference });

    const answer = await request(intruderStart.callbackUrl).post('').type('form').send({
      callBackType: 'NETVERIFYID',
      jumioIdScanReference: ownerReference,
    });
    expect(answer.status).toBe(200);
    expect(await intruder.status('poi')).toMatchObject({ scanReference: null, verification: null });
    expect(await owner.status('poi')).toMatchObject({ verification: null });
    expect(await inboxOf(intruderStart.transactionId)).toEqual([
      expect.objectContaining({ outcome: 'INVALID', error_field: 'reference' }),
    ]);
  });
});
