import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { submitCapture } from '../sandbox/support/capture-journey';
import { WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import { startKyxTestKit } from '../support/kyx-test-kit';

/** Low limits and no queue, so that what each caller is told shows at once. Not timed. */
const LIMITS = { startsPerWindow: 2, retrievalsPerWindow: 2, windowMs: 5000 };

/**
 * KYX goes through the same pacing as legacy: billed starts (account POST / PUT) and retrievals (GET) per
 * window and host, JUMIO_BUSY with Retry-After beyond; Jumio itself (the sandbox enforcing the same
 * limits) never answers 429.
 */
describe('pacing of KYX starts and retrievals', () => {
  let kit: JumioTestKit;

  // A kit per test: the other test's transactions would take part in reconciliation's budget.
  beforeEach(async () => {
    kit = await startKyxTestKit('sqlite', {
      pacing: { ...LIMITS, maxQueueWaitMs: 0 },
      retrievalScheduleSeconds: [0],
      reconciliationIntervalMs: 0,
    });
  });
  afterEach(async () => {
    await kit?.close();
  });

  it('5 concurrent starts under 2 per window: 2 succeed, the others 503 JUMIO_BUSY with Retry-After, never a 429', async () => {
    kit.sandbox.control.enforceRateLimits(LIMITS);
    const refusedBefore = kit.sandbox.control.rateLimitRefusals();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        kit.as(`kyx-burst-${i}`).post('poi', 'initiate', WEB_URLS),
      ),
    );
    const started = answers.filter((answer) => answer.status === 200);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(started).toHaveLength(2);
    expect(busy).toHaveLength(3);
    for (const answer of busy) {
      expect(answer.body).toMatchObject({ statusCode: 503, error: 'JUMIO_BUSY' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(kit.sandbox.control.rateLimitRefusals()).toBe(refusedBefore);
  });

  it('reconciliation stays within the retrieval budget: postponed, never a 429 at Jumio', async () => {
    kit.sandbox.control.dropCallbacks('all');
    const users = ['kyx-budget-a', 'kyx-budget-b'];
    for (const userId of users) {
      const started = await kit.as(userId).post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      await submitCapture(started.body.redirectUrl, { outcome: 'PASSED' });
    }
    await kit.sandbox.kyx.waitForCallbacks(2);
    kit.sandbox.control.enforceRateLimits(LIMITS);
    const refusedBefore = kit.sandbox.control.rateLimitRefusals();

    // One confirmation (status + details) fills the budget; the other waits for a later pass.
    const pass = await kit.app.app.get(ReconciliationService).runOnce();
    expect(pass.applied).toHaveLength(1);
    expect(kit.sandbox.control.rateLimitRefusals()).toBe(refusedBefore);
  });
});
