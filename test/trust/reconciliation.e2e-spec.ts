import {
  OnboardingStepService,
  ScanTransactionEvents,
  type ScanTransactionEvent,
} from '@app/jumio';
import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import { FLOW_PLATFORMS } from '../support/platform-flows';
import { waitUntil } from './support/trust-kit';

/** Background timers off: the test drives every pass. Every due check is due at once. */
const DRIVEN = {
  retrievalScheduleSeconds: [0],
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
};

const CASES = FLOW_PLATFORMS.flatMap((platform) =>
  DATABASES.map((database) => ({ platform, database })),
);

describe.each(CASES)(
  'reconciliation when every callback is dropped ($platform.name, $database)',
  ({ platform, database }) => {
    let kit: JumioTestKit;
    let reconciliation: ReconciliationService;
    let relay: OutboxRelay;
    let steps: OnboardingStepService;
    const received: ScanTransactionEvent[] = [];

    beforeAll(async () => {
      kit = await platform.startKit(database, DRIVEN);
      reconciliation = kit.app.app.get(ReconciliationService);
      relay = kit.app.app.get(OutboxRelay);
      steps = kit.app.app.get(OnboardingStepService);
      kit.app.app.get(ScanTransactionEvents).subscribe((event) => void received.push(event));
      kit.sandbox.control.dropCallbacks('all');
    });
    afterAll(async () => {
      await kit?.close();
    });

    it('a POI and then a POA reach their final decision through retrieval, and the host hears each step', async () => {
      const user = kit.as('dropped-user');
      expect(await steps.getStepState('dropped-user', 'JUMIO')).toMatchObject({
        state: 'NEEDS_USER',
        transactionId: null,
      });

      const poi = await user.post('poi', 'initiate', WEB_URLS);
      await platform.finishWeb(poi.body.redirectUrl, 'approved');
      const poiRef = (await user.status('poi')).scanReference!;
      expect(await platform.waitForCallback(kit, poiRef)).toBe('DROPPED');
      await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
      expect(await steps.getStepState('dropped-user', 'JUMIO')).toMatchObject({ state: 'PENDING' });

      const first = await reconciliation.runOnce();
      expect(first.applied).toEqual([poi.body.transactionId]);
      expect((await user.status('poi')).verification).toMatchObject({
        decision: 'APPROVED',
        jumioStatus: platform.jumioStatus.approved,
      });
      expect(await steps.getStepState('dropped-user', 'JUMIO')).toMatchObject({
        state: 'SATISFIED',
        decision: 'APPROVED',
      });

      const poa = await user.post('poa', 'acquisitions', {
        ...WEB_URLS,
        documentType: 'UB',
        country: 'AUT',
      });
      expect(poa.status).toBe(200);
      await platform.finishWeb(poa.body.redirectUrl, 'poaExtracted');
      const poaRef = (await user.status('poa')).scanReference!;
      await platform.waitForCallback(kit, poaRef);
      await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
      const second = await reconciliation.runOnce();
      expect(second.applied).toEqual([poa.body.transactionId]);
      expect((await user.status('poa')).verification).toMatchObject({
        decision: 'APPROVED',
        jumioStatus: platform.jumioStatus.poaExtracted,
        reasons: [],
      });
      expect(await steps.getStepState('dropped-user', 'JUMIO_POA')).toMatchObject({
        state: 'SATISFIED',
      });

      await relay.runOnce();
      const mine = received.filter((event) => event.userId === 'dropped-user');
      // In order per transaction (transactions interleave).
      const typesOf = (stepCode: string) =>
        mine.filter((event) => event.stepCode === stepCode).map((event) => event.type);
      expect(typesOf('JUMIO')).toEqual(['started', 'uploaded', 'verified']);
      expect(typesOf('JUMIO_POA')).toEqual(['started', 'uploaded', 'verified']);
      expect(
        mine.find((event) => event.type === 'verified' && event.scanType === 'POI'),
      ).toMatchObject({
        transactionId: poi.body.transactionId,
        scanType: 'POI',
        decision: 'APPROVED',
        reasons: [],
      });
      // No personal data in events: only ids, codes and reasons.
      expect(JSON.stringify(mine)).not.toMatch(/JANE|SANDBOX|1990/);
    });

    it('a retrieval failure leaves the transaction for the next pass', async () => {
      const user = kit.as('flaky-user');
      const poi = await user.post('poi', 'initiate', WEB_URLS);
      await platform.finishWeb(poi.body.redirectUrl, 'unreadable');
      await platform.waitForCallback(kit, (await user.status('poi')).scanReference!);
      // Three 503s in a row outlast the client's own retries (3 attempts).
      kit.sandbox.control.setFault({ group: 'retrieval', kind: 503, times: 3 });
      const failed = await reconciliation.runOnce();
      expect(failed.failed).toEqual([poi.body.transactionId]);
      expect((await user.status('poi')).verification).toBeNull();

      const retried = await reconciliation.runOnce();
      expect(retried.applied).toEqual([poi.body.transactionId]);
      expect(await user.status('poi')).toMatchObject({
        status: 'NOT_STARTED_YET',
        verification: { decision: 'RETRY' },
      });
    });

    // Legacy: the app never reached Jumio. KYX: the start created the workflow; Jumio ends its session.
    const legacyOnly = platform.name === 'legacy' ? it : it.skip;
    const kyxOnly = platform.name === 'kyx' ? it : it.skip;
    kyxOnly(
      'a mobile workflow whose session expired at Jumio closes the attempt through retrieval',
      async () => {
        const user = kit.as('expired-user');
        const started = await user.post('poi', 'startScanTransaction', {});
        expect(started.status).toBe(200);
        const reference = (await user.status('poi')).scanReference!;
        kit.sandbox.kyx.expireSession(reference);
        await platform.waitForCallback(kit, reference);
        expect((await reconciliation.runOnce()).applied).toEqual([started.body.transactionId]);
        expect(await user.status('poi')).toMatchObject({
          status: 'NOT_STARTED_YET',
          verification: { decision: 'RETRY' },
        });
        expect(await steps.getStepState('expired-user', 'JUMIO')).toMatchObject({
          state: 'NEEDS_USER',
        });
      },
    );
    legacyOnly(
      'expires a mobile transaction that never reached Jumio, after Jumio’s timeouts',
      async () => {
        const user = kit.as('gone-user');
        const started = await user.post('poi', 'startScanTransaction', {});
        expect(started.status).toBe(200);
        expect((await reconciliation.runOnce()).expired).toEqual([]);

        const later = new Date(Date.now() + 2 * 60 * 60_000);
        expect((await reconciliation.runOnce(later)).expired).toEqual([started.body.transactionId]);
        expect(await user.status('poi')).toMatchObject({
          status: 'NOT_STARTED_YET',
          verification: null,
        });
        expect(await steps.getStepState('gone-user', 'JUMIO')).toMatchObject({
          state: 'NEEDS_USER',
        });
        await relay.runOnce();
        expect(
          received.filter((event) => event.userId === 'gone-user').map((event) => event.type),
        ).toEqual(['started', 'expired']);
      },
    );

    it('confirms a mobile scan whose app reported the reference, with the callback dropped', async () => {
      const user = kit.as('mobile-user');
      const handoff = await user.post('poi', 'startScanTransaction', {});
      const scanReference = await platform.scanWithSdk(kit, handoff.body, 'fraud');
      await user.post('poi', 'setScanTransaction', { scanReference });
      await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
      await waitUntil('Jumio to finish the scan', async () =>
        platform.jumioFinished(kit, scanReference),
      );
      expect((await reconciliation.runOnce()).applied).toEqual([handoff.body.transactionId]);
      expect((await user.status('poi')).verification).toMatchObject({
        decision: 'REJECTED',
        jumioStatus: platform.jumioStatus.fraud,
      });
      expect(await steps.getStepState('mobile-user', 'JUMIO')).toMatchObject({ state: 'REJECTED' });
    });
  },
);
