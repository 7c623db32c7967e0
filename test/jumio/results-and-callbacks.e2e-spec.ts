import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import type { JumioPlatformName } from '@app/jumio/options/jumio-platform-name';
import { FLOW_PLATFORMS } from '../support/platform-flows';

/** What the inbox holds once a malformed callback of a mobile POI was validated. */
const AFTER_MALFORMED_CALLBACK: Record<JumioPlatformName, object> = {
  // A legacy mobile start knows no reference yet, and Jumio knows no scan the body names: INVALID.
  legacy: { outcome: 'INVALID', error_field: expect.any(String), payload: '' },
  // The start created the workflow: read as "look now"; Jumio has not finished, so it waits, sealed.
  kyx: { outcome: null, payload: expect.not.stringMatching(/JANE|secret-looking-value/) },
};

const CASES = FLOW_PLATFORMS.flatMap((platform) =>
  DATABASES.map((database) => ({ platform, database })),
);

describe.each(CASES)(
  'results and callbacks ($platform.name, $database)',
  ({ platform, database }) => {
    let kit: JumioTestKit;

    beforeAll(async () => {
      kit = await platform.startKit(database, { maxAttempts: 2 });
    });
    afterAll(async () => {
      await kit?.close();
    });

    async function failedWebAttempt(userId: string): Promise<string> {
      const user = kit.as(userId);
      const started = await user.post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      await platform.finishWeb(started.body.redirectUrl, 'unreadable');
      const { scanReference } = await user.status('poi');
      await platform.waitForCallback(kit, scanReference!);
      return scanReference!;
    }

    it('a retryable result reopens the step until the attempt limit, then goes to manual review', async () => {
      const user = kit.as('limit');
      await failedWebAttempt('limit');
      expect(await user.status('poi')).toMatchObject({
        status: 'NOT_STARTED_YET',
        attempts: 1,
        verification: { decision: 'RETRY', jumioStatus: platform.jumioStatus.unreadable },
      });
      await failedWebAttempt('limit');
      const inReview = await user.status('poi');
      expect(inReview).toMatchObject({
        status: 'SUCCESS',
        attempts: 2,
        verification: { decision: 'REVIEW' },
      });
      expect(inReview.verification?.reasons).toEqual(
        expect.arrayContaining([platform.unreadableReason, 'MAX_ATTEMPTS_REACHED']),
      );
      const again = await user.post('poi', 'initiate', WEB_URLS);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('INVALID_STATE');
    });

    it('duplicate callbacks change nothing and store nothing new', async () => {
      const user = kit.as('duplicates');
      const started = (await user.post('poi', 'startScanTransaction', {})).body;
      const scanReference = await platform.scanWithSdk(kit, started, 'approved');
      await platform.waitForCallback(kit, scanReference);
      const before = await user.status('poi');

      const resent = await Promise.all(
        [1, 2, 3].map(() => platform.resendCallback(kit, scanReference)),
      );
      expect(resent.map((record) => record.responseStatus)).toEqual([200, 200, 200]);
      expect(await user.status('poi')).toEqual(before);
      expect(
        await kit.rows(
          'jumio_verification_result',
          `"scan_transaction_id" = '${started.transactionId}'`,
        ),
      ).toHaveLength(1);
      const outcomes = (
        await kit.rows<{ outcome: string }>(
          'jumio_callback_inbox',
          `"scan_transaction_id" = '${started.transactionId}'`,
        )
      )
        .map((row) => row.outcome)
        .sort();
      expect(outcomes).toEqual(['APPLIED', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    });

    it('a late result for a replaced transaction is stored but never moves the step', async () => {
      const user = kit.as('late');
      kit.sandbox.control.dropCallbacks(1);
      const old = (await user.post('poi', 'startScanTransaction', {})).body;
      const oldReference = await platform.scanWithSdk(kit, old, 'approved');
      await platform.waitForCallback(kit, oldReference);
      const current = (await user.post('poi', 'startScanTransaction', {})).body;

      await platform.resendCallback(kit, oldReference);
      expect(await user.status('poi')).toMatchObject({
        transactionId: current.transactionId,
        status: 'PENDING',
        verification: null,
      });
      const [inbox] = await kit.rows<{ outcome: string }>(
        'jumio_callback_inbox',
        `"scan_transaction_id" = '${old.transactionId}'`,
      );
      expect(inbox.outcome).toBe('IGNORED_STALE');
    });

    it('a client SUCCESS report after a RETRY result does not move the step back', async () => {
      const user = kit.as('late-report');
      await failedWebAttempt('late-report');
      const reported = await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
      expect(reported.status).toBe(200);
      expect(reported.body).toMatchObject({
        status: 'NOT_STARTED_YET',
        verification: { decision: 'RETRY' },
      });
    });

    it('unknown callback token → 404 without details; nothing stored', async () => {
      const before = (await kit.rows('jumio_callback_inbox')).length;
      for (const token of ['x'.repeat(43), 'short', 'A'.repeat(300)]) {
        const response = await request(kit.app.url)
          .post(`/api/jumio/callback/${token}`)
          .type('form')
          .send({ callBackType: 'NETVERIFYID' });
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain(token);
      }
      expect(await kit.rows('jumio_callback_inbox')).toHaveLength(before);
    });

    it('malformed callback → 200 (stored first), then validated; no values echoed', async () => {
      const user = kit.as('malformed');
      const started = (await user.post('poi', 'startScanTransaction', {})).body;
      const { type, body } = platform.malformedCallback;
      const response = await request(started.callbackUrl).post('').type(type).send(body);
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      expect((await user.status('poi')).status).toBe('PENDING');
      const [inbox] = await kit.rows<{ outcome: string | null; payload: string }>(
        'jumio_callback_inbox',
        `"scan_transaction_id" = '${started.transactionId}'`,
      );
      expect(inbox).toMatchObject(AFTER_MALFORMED_CALLBACK[platform.name]);
    });

    it("a callback whose reference is not its token's transaction is stored as INVALID and changes nothing", async () => {
      const victim = (await kit.as('victim').post('poi', 'startScanTransaction', {})).body;
      const attacker = (await kit.as('attacker').post('poi', 'startScanTransaction', {})).body;
      kit.sandbox.control.dropCallbacks(1);
      const attackerReference = await platform.scanWithSdk(kit, attacker, 'approved');
      await platform.waitForCallback(kit, attackerReference);
      const record = platform.lastCallback(kit, attackerReference);

      // The attacker's genuine callback body, posted to the victim's callback URL.
      const response = await request(victim.callbackUrl)
        .post('')
        .type(record.type)
        .send(record.body);
      expect(response.status).toBe(200);
      expect(await kit.as('victim').status('poi')).toMatchObject({
        status: 'PENDING',
        verification: null,
      });
      const [inbox] = await kit.rows<{ outcome: string }>(
        'jumio_callback_inbox',
        `"scan_transaction_id" = '${victim.transactionId}'`,
      );
      expect(inbox.outcome).toBe('INVALID');
    });

    // Legacy only: KYX refuses to link a reference that is not the start's own workflow (kyx-platform).
    if (platform.name === 'legacy')
      it('a scanReference linked by another user never applies its result there; its owner still gets it', async () => {
        const owner = kit.as('takeover-owner');
        const taker = kit.as('takeover-taker');
        const ownerStart = (await owner.post('poi', 'startScanTransaction', {})).body;
        expect((await taker.post('poi', 'startScanTransaction', {})).status).toBe(200);
        // The owner's callback is held back, so the taker can link the reference before the owner has it.
        kit.sandbox.control.dropCallbacks(1);
        const ownerReference = await platform.scanWithSdk(kit, ownerStart, 'approved');
        await platform.waitForCallback(kit, ownerReference);
        const linked = await taker.post('poi', 'setScanTransaction', {
          scanReference: ownerReference,
        });
        expect(linked.status).toBe(200);
        expect(
          (await taker.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' })).status,
        ).toBe(200);

        await platform.resendCallback(kit, ownerReference);
        const takerStatus = await taker.status('poi');
        expect(takerStatus.verification?.decision).not.toBe('APPROVED');
        expect(takerStatus.scanReference).not.toBe(ownerReference);
        expect(await owner.status('poi')).toMatchObject({
          transactionId: ownerStart.transactionId,
          scanReference: ownerReference,
          verification: { decision: 'APPROVED' },
        });
      });

    it('a user never reaches another user’s transaction', async () => {
      const alice = kit.as('alice');
      const bob = kit.as('bob');
      const aliceStart = (
        await alice.post('poa', 'startScanTransaction', { documentType: 'BS', country: 'FRA' })
      ).body;
      const bobStatus = await bob.status('poa');
      expect(bobStatus.transactionId).toBeNull();
      const bobReport = await bob.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
      expect(bobReport.status).toBe(409);
      const bobLink = await bob.post('poa', 'setScanTransaction', { scanReference: 'f'.repeat(8) });
      expect(bobLink.status).toBe(409);
      const smuggled = await bob.post('poa', 'setScanTransactionStatus', {
        status: 'SUCCESS',
        transactionId: aliceStart.transactionId,
        userId: 'alice',
      });
      expect(smuggled.status).toBe(400);
      expect((await alice.status('poa')).status).toBe('PENDING');
    });

    it('concurrent starts leave exactly one open transaction per user and type', async () => {
      const user = kit.as('racer');
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => user.post('poi', 'initiate', WEB_URLS)),
      );
      for (const answer of answers) expect([200, 409]).toContain(answer.status);
      const open = await kit.rows(
        'jumio_scan_transaction',
        `"user_id" = 'racer' AND "open_key" IS NOT NULL`,
      );
      expect(open).toHaveLength(1);
    });
  },
);
