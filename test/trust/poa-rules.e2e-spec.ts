import { OnboardingStepService } from '@app/jumio';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';
import { waitUntil } from './support/trust-kit';

const POA = { ...WEB_URLS, documentType: 'UB', country: 'AUT' };

/** The sandbox's documents name its persona (JANE SANDBOX), dated 20 days back, with an address. */
describe('proof-of-address rules on Jumio’s extraction (sqlite)', () => {
  let kit: JumioTestKit;
  let steps: OnboardingStepService;

  beforeAll(async () => {
    kit = await startJumioTestKit('sqlite', {
      retrievalScheduleSeconds: [0],
      reconciliationIntervalMs: 0,
      outboxRelayIntervalMs: 0,
    });
    steps = kit.app.app.get(OnboardingStepService);
  });
  afterAll(async () => {
    await kit?.close();
  });

  async function poiResult(userId: string, outcome: 'APPROVED_VERIFIED' | 'DENIED_FRAUD') {
    const started = await kit.as(userId).post('poi', 'initiate', WEB_URLS);
    await finishWebJourney(started.body.redirectUrl, outcome);
    await waitUntil(
      'the POI result',
      async () =>
        (await kit.as(userId).status('poi')).verification?.decision !== 'PENDING' &&
        (await kit.as(userId).status('poi')).verification,
    );
  }

  async function poaResult(
    userId: string,
    outcome: 'EXTRACTED' | 'UPLOADED',
    settled = (decision?: string) => decision !== undefined && decision !== 'PENDING',
  ) {
    const started = await kit.as(userId).post('poa', 'acquisitions', POA);
    expect(started.status).toBe(200);
    await finishWebJourney(started.body.redirectUrl, outcome);
    return waitUntil('the POA result', async () => {
      const status = await kit.as(userId).status('poa');
      return settled(status.verification?.decision) && status;
    });
  }

  it('approves a recent bill in the name of the approved identity', async () => {
    await poiResult('poa-ok', 'APPROVED_VERIFIED');
    const status = await poaResult('poa-ok', 'EXTRACTED');
    expect(status.verification).toMatchObject({
      decision: 'APPROVED',
      jumioStatus: 'EXTRACTED',
      reasons: [],
    });
    expect(await steps.getStepState('poa-ok', 'JUMIO_POA')).toMatchObject({ state: 'SATISFIED' });
  });

  it('asks for another document when nothing was extracted', async () => {
    await poiResult('poa-blank', 'APPROVED_VERIFIED');
    const status = await poaResult('poa-blank', 'UPLOADED');
    expect(status).toMatchObject({
      status: 'NOT_STARTED_YET',
      verification: { decision: 'RETRY', reasons: ['POA_NO_EXTRACTED_DATA'] },
    });
    expect(await steps.getStepState('poa-blank', 'JUMIO_POA')).toMatchObject({
      state: 'NEEDS_USER',
      reasons: ['POA_NO_EXTRACTED_DATA'],
    });
  });

  it('does not accept a proof of address without an approved identity', async () => {
    await poiResult('poa-fraud', 'DENIED_FRAUD');
    const status = await poaResult('poa-fraud', 'EXTRACTED');
    expect(status.verification).toMatchObject({
      decision: 'RETRY',
      reasons: ['POA_NO_APPROVED_POI'],
    });
  });

  it('waits for a pending identity result, then decides', async () => {
    const user = kit.as('poa-waits');
    kit.sandbox.control.setCallbackDelay(4_000); // the POI stays PENDING at Jumio for a while
    const poi = await user.post('poi', 'initiate', WEB_URLS);
    await finishWebJourney(poi.body.redirectUrl, 'APPROVED_VERIFIED');
    await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    kit.sandbox.control.setCallbackDelay(0);

    const poa = await user.post('poa', 'acquisitions', POA);
    await finishWebJourney(poa.body.redirectUrl, 'EXTRACTED');
    await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
    await kit.sandbox.control.waitForCallbacks(1, {
      reference: (await user.status('poa')).scanReference!,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await user.status('poa')).verification).toMatchObject({ decision: 'PENDING' });
    expect(await steps.getStepState('poa-waits', 'JUMIO_POA')).toMatchObject({ state: 'PENDING' });

    // Jumio finishes the POI (the sandbox's delayed result), reconciliation picks both up.
    const reconciliation = kit.app.app.get(ReconciliationService);
    await waitUntil(
      'the POI result at Jumio',
      async () => {
        await reconciliation.runOnce();
        return (await user.status('poi')).verification?.decision === 'APPROVED';
      },
      15_000,
    );
    await reconciliation.runOnce();
    expect((await user.status('poa')).verification).toMatchObject({ decision: 'APPROVED' });
  }, 30_000);
});
