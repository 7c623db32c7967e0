import { OnboardingStepService } from '@app/jumio';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
  type UserClient,
} from '../support/jumio-test-kit';

/**
 * Background timers off: the test drives every pass. A transaction's first check is due at once, its
 * second an hour later: a POA checked twice while it waits is due again only because its POI was decided.
 */
const DRIVEN = {
  retrievalScheduleSeconds: [0, 3600],
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
};
const POA = { ...WEB_URLS, documentType: 'UB', country: 'AUT' };

/**
 * Callbacks processed out of order (two instances, the inbox worker): the POA's result is applied while
 * the user's uploaded POI still waits for its own. The POA must wait for the POI, not cost an attempt.
 */
describe.each(DATABASES)('a POA result applied before its POI result (%s)', (database) => {
  let kit: JumioTestKit;
  let reconciliation: ReconciliationService;
  let steps: OnboardingStepService;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, DRIVEN);
    reconciliation = kit.app.app.get(ReconciliationService);
    steps = kit.app.app.get(OnboardingStepService);
  });
  afterEach(() => kit.sandbox.control.reset());
  afterAll(async () => {
    await kit?.close();
  });

  /** A POI approved at Jumio and uploaded here, whose result is not applied (callback lost or delayed). */
  async function uploadPoiWithoutItsResult(user: UserClient): Promise<string> {
    const poi = await user.post('poi', 'initiate', WEB_URLS);
    await finishWebJourney(poi.body.redirectUrl, 'APPROVED_VERIFIED');
    await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    const status = await user.status('poi');
    expect(status).toMatchObject({ status: 'SUCCESS', verification: { decision: 'PENDING' } });
    return status.scanReference!;
  }

  /** The POA is uploaded and its callback confirmed: Jumio's result (EXTRACTED) is final. */
  async function uploadPoaWithItsResult(user: UserClient): Promise<string> {
    const poa = await user.post('poa', 'acquisitions', POA);
    expect(poa.status).toBe(200);
    await finishWebJourney(poa.body.redirectUrl, 'EXTRACTED');
    await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
    const poaRef = (await user.status('poa')).scanReference!;
    const [callback] = await kit.sandbox.control.waitForCallbacks(1, { reference: poaRef });
    expect(callback.delivery).not.toBe('DROPPED');
    return poa.body.transactionId as string;
  }

  async function expectPoaAwaitingPoi(user: UserClient): Promise<void> {
    // Through the client first: it waits for callback confirmations under way.
    expect(await user.status('poa')).toMatchObject({
      status: 'SUCCESS',
      attempts: 1,
      verification: {
        decision: 'PENDING',
        jumioStatus: 'EXTRACTED',
        reasons: ['POA_AWAITING_POI'],
      },
    });
    expect(await steps.getStepState(user.userId, 'JUMIO_POA')).toMatchObject({
      state: 'PENDING',
      reasons: ['POA_AWAITING_POI'],
    });
  }

  async function expectPoaApproved(user: UserClient): Promise<void> {
    expect(await user.status('poa')).toMatchObject({
      status: 'SUCCESS',
      attempts: 1,
      verification: { decision: 'APPROVED', jumioStatus: 'EXTRACTED', reasons: [] },
    });
  }

  it('waits for the POI callback Jumio sends again, then reconciliation approves the POA', async () => {
    const user = kit.as(`resent-${database}`);
    kit.sandbox.control.dropCallbacks(1);
    const poiRef = await uploadPoiWithoutItsResult(user);
    await uploadPoaWithItsResult(user);
    await expectPoaAwaitingPoi(user);

    await kit.sandbox.control.resendCallback(poiRef);
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
    await reconciliation.runOnce();
    await expectPoaApproved(user);
  });

  it('reconciliation retrieves the lost POI result, then decides the POA', async () => {
    const user = kit.as(`retrieved-${database}`);
    kit.sandbox.control.dropCallbacks(1);
    await uploadPoiWithoutItsResult(user);
    await uploadPoaWithItsResult(user);
    await expectPoaAwaitingPoi(user);

    // One pass may check the POA before the POI; the next one decides it.
    await reconciliation.runOnce();
    await reconciliation.runOnce();
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
    await expectPoaApproved(user);
  });

  it('keeps a POA re-checked while Jumio still checks the POI, and decides it once the POI is', async () => {
    const user = kit.as(`slow-poi-${database}`);
    kit.sandbox.control.setCallbackDelay(2_500); // the POI stays PENDING at Jumio for a while
    const poiRef = await uploadPoiWithoutItsResult(user);
    kit.sandbox.control.setCallbackDelay(0);
    const poaId = await uploadPoaWithItsResult(user);
    await expectPoaAwaitingPoi(user);

    // The POA's Jumio result is final, yet it stays open and on the schedule: after two checks its next
    // one is an hour away.
    expect((await reconciliation.runOnce()).checked).toContain(poaId);
    expect((await reconciliation.runOnce()).checked).toContain(poaId);
    await expectPoaAwaitingPoi(user);
    expect((await reconciliation.runOnce()).checked).not.toContain(poaId);

    // Jumio finishes the POI; its callback is applied, and that makes the waiting POA due at once.
    await kit.sandbox.control.waitForCallbacks(1, { reference: poiRef, timeoutMs: 5_000 });
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
    await reconciliation.runOnce();
    await expectPoaApproved(user);
  }, 15_000);
});
