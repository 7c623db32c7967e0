import { ErasureService, type JumioModuleOptions } from '@app/jumio';
import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import type { Response } from 'supertest';
import { submitCapture } from '../sandbox/support/capture-journey';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import { startKyxTestKit } from '../support/kyx-test-kit';
import { waitUntil } from '../trust/support/trust-kit';

/** Background timers off: the test drives reconciliation; every due check is due at once. */
const DRIVEN: Partial<JumioModuleOptions> = {
  retrievalScheduleSeconds: [0],
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
};
/** One of Jumio's EU KYX callback addresses: the test's loopback is a foreign source. */
const JUMIO_EU_CALLBACK_IP = '34.253.41.236';
const RACERS = 8;

const statusesOf = (answers: Response[]) => answers.map((answer) => answer.status).sort();

async function accountOf(kit: JumioTestKit, userId: string): Promise<string | undefined> {
  const rows = await kit.rows<{ account_id: string }>(
    'jumio_kyx_account',
    `"user_id" = '${userId}'`,
  );
  return rows[0]?.account_id;
}

/** Starts a web POI on KYX, plays the hosted page with `outcome`, returns the workflow execution id. */
async function webPoi(kit: JumioTestKit, userId: string, outcome = 'PASSED'): Promise<string> {
  const user = kit.as(userId);
  const started = await user.post('poi', 'initiate', WEB_URLS);
  expect(started.status).toBe(200);
  await submitCapture(started.body.redirectUrl, { outcome });
  return (await user.status('poi')).scanReference!;
}

describe.each(DATABASES)('KYX safeguards (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startKyxTestKit(database, DRIVEN);
  });
  afterAll(async () => {
    await kit?.close();
  });
  afterEach(() => kit.sandbox.control.reset());

  it(`${RACERS} mobile starts at once for one user: one Jumio workflow, the others 409`, async () => {
    // Jumio takes a moment to answer, as it does: every start arrives while the first is in flight.
    kit.sandbox.control.setResponseDelay('accounts', 300);
    const executionsBefore = kit.sandbox.kyx.findExecutions().length;
    const accountsBefore = kit.sandbox.kyx.accountCount();
    const user = kit.as('kyx-mobile-racer');
    const answers = await Promise.all(
      Array.from({ length: RACERS }, () => user.post('poi', 'startScanTransaction', {})),
    );
    expect(statusesOf(answers)).toEqual([200, ...Array<number>(RACERS - 1).fill(409)]);
    expect(kit.sandbox.kyx.findExecutions().length - executionsBefore).toBe(1);
    expect(kit.sandbox.kyx.accountCount() - accountsBefore).toBe(1);
    const winner = answers.find((answer) => answer.status === 200)!;
    expect(await user.status('poi')).toMatchObject({
      status: 'PENDING',
      transactionId: winner.body.transactionId,
    });
    expect(await kit.rows('jumio_start_claim')).toHaveLength(0);
    expect(await kit.rows('jumio_scan_transaction', `"user_id" = 'kyx-mobile-racer'`)).toHaveLength(
      1,
    );
  });

  it('a mobile start while a web start is in flight pays Jumio once', async () => {
    kit.sandbox.control.setResponseDelay('accounts', 300);
    const executionsBefore = kit.sandbox.kyx.findExecutions().length;
    const user = kit.as('kyx-web-then-mobile');
    const web = user.post('poi', 'initiate', WEB_URLS);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mobile = await user.post('poi', 'startScanTransaction', {});
    expect([(await web).status, mobile.status]).toEqual([200, 409]);
    expect(kit.sandbox.kyx.findExecutions().length - executionsBefore).toBe(1);
  });

  it('a web start sends Jumio the normalised locale (en-GB), not the request’s raw en_GB', async () => {
    const started = await kit
      .as('kyx-locale')
      .post('poi', 'initiate', { ...WEB_URLS, locale: 'en_GB' });
    expect(started.status).toBe(200);
    expect(new URL(started.body.redirectUrl).searchParams.get('locale')).toBe('en-GB');
  });

  it('erasure forgets the user’s account at once; a start meanwhile opens a new one the retried DELETE leaves alone', async () => {
    const userId = 'kyx-erased';
    await webPoi(kit, userId);
    const erasedAccount = (await accountOf(kit, userId))!;
    expect(kit.sandbox.kyx.accountExists(erasedAccount)).toBe(true);

    kit.sandbox.control.setFault({ group: 'delete', kind: 503 });
    const erasure = kit.app.app.get(ErasureService);
    expect(await erasure.eraseUser(userId)).toMatchObject({ state: 'PENDING' });
    expect(await accountOf(kit, userId)).toBeUndefined();

    // The user starts again while Jumio's delete is still pending: a new account, not a PUT into the old.
    const again = await kit
      .as(userId)
      .post('poa', 'startScanTransaction', { documentType: 'UB', country: 'GBR' });
    expect(again.status).toBe(200);
    const newAccount = (await accountOf(kit, userId))!;
    expect(newAccount).not.toBe(erasedAccount);

    kit.sandbox.control.clearFaults();
    expect(await erasure.retryDue(new Date(Date.now() + 24 * 3600_000))).toBe(1);
    expect(await erasure.status(userId)).toMatchObject({ state: 'COMPLETED' });
    expect(kit.sandbox.kyx.accountExists(erasedAccount)).toBe(false);
    expect(kit.sandbox.kyx.accountExists(newAccount)).toBe(true);
  });

  it('a KYX callback from a foreign source address changes nothing; the result still comes through retrieval', async () => {
    const strict = await startKyxTestKit(database, {
      ...DRIVEN,
      callbackAllowedIps: [JUMIO_EU_CALLBACK_IP],
    });
    try {
      const reference = await webPoi(strict, 'kyx-foreign');
      const [callback] = await strict.sandbox.kyx.waitForCallbacks(1, {
        workflowExecutionId: reference,
      });
      expect(callback.responseStatus).toBe(403);
      const forged = await fetch(strict.sandbox.kyx.execution(reference)!.callbackUrl!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': JUMIO_EU_CALLBACK_IP },
        body: JSON.stringify(callback.payload),
      });
      expect(forged.status).toBe(403);
      await strict.app.app.get(CallbackConfirmation).settled();
      expect(await strict.rows('jumio_callback_inbox')).toHaveLength(0);
      expect((await strict.as('kyx-foreign').status('poi')).verification).toBeNull();

      await strict.app.app.get(ReconciliationService).runOnce();
      expect((await strict.as('kyx-foreign').status('poi')).verification).toMatchObject({
        decision: 'APPROVED',
      });
    } finally {
      await strict.close();
    }
  });
});

describe('KYX with every callback dropped: results arrive through reconciliation on its own', () => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startKyxTestKit('sqlite', {
      // A short schedule instead of Jumio's 40 s first check; the background job runs by itself.
      retrievalScheduleSeconds: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      reconciliationIntervalMs: 200,
    });
    kit.sandbox.control.dropCallbacks('all');
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('web POI, POA and a mobile POI reach their decisions without a single callback', async () => {
    const poi = await webPoi(kit, 'kyx-no-callbacks', 'PASSED');
    const user = kit.as('kyx-no-callbacks');
    const poa = await user.post('poa', 'acquisitions', {
      ...WEB_URLS,
      documentType: 'UB',
      country: 'GBR',
    });
    expect(poa.status).toBe(200);
    await submitCapture(poa.body.redirectUrl, { outcome: 'EXTRACTED' });

    const mobileUser = kit.as('kyx-no-callbacks-mobile');
    const handoff = await mobileUser.post('poi', 'startScanTransaction', {});
    const sdk = await fetch(`${kit.sandbox.url}/sandbox/kyx/sdk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sdkToken: handoff.body.sdkToken,
        dataCenter: 'EU',
        outcome: 'NO_MATCH',
      }),
    });
    const { workflowExecutionId } = (await sdk.json()) as { workflowExecutionId: string };
    await mobileUser.post('poi', 'setScanTransaction', { scanReference: workflowExecutionId });

    const callbacks = await kit.sandbox.kyx.waitForCallbacks(3);
    expect(callbacks.map((callback) => callback.delivery)).toEqual([
      'DROPPED',
      'DROPPED',
      'DROPPED',
    ]);
    await waitUntil(
      'every decision through reconciliation',
      async () =>
        (await user.status('poi')).verification?.decision === 'APPROVED' &&
        (await user.status('poa')).verification?.decision === 'APPROVED' &&
        (await mobileUser.status('poi')).verification?.decision === 'REJECTED',
      20_000,
    );
    expect(poi).toMatch(/^[0-9a-f-]{36}$/);
    expect(await kit.rows('jumio_callback_inbox')).toHaveLength(0);
  });
});
