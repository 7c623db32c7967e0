import request from 'supertest';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';

/** Jumio's documented defaults (pacing: {} overrides the test kit's raised limits). */
const JUMIO_DEFAULT_PACING = { pacing: {} };

/**
 * Pacing under Jumio's rate limits, against a sandbox that enforces the documented limits for new legacy
 * accounts (5 initiates and 75 retrievals per 5 s). Not timed: what matters is what each caller is told.
 */
describe('pacing of billed starts and retrievals under Jumio’s rate limits', () => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit('sqlite', JUMIO_DEFAULT_PACING);
  });
  afterAll(async () => {
    await kit?.close();
  });
  afterEach(() => kit.sandbox.control.reset());

  it('20 concurrent starts under 5 per 5 s: each succeeds or gets 503 with Retry-After, never a 429', async () => {
    kit.sandbox.control.enforceRateLimits();
    const refusedBefore = kit.sandbox.control.rateLimitRefusals();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? kit.as(`burst-poi-${i}`).post('poi', 'initiate', WEB_URLS)
          : kit
              .as(`burst-poa-${i}`)
              .post('poa', 'acquisitions', { ...WEB_URLS, documentType: 'UB', country: 'GBR' }),
      ),
    );

    const started = answers.filter((answer) => answer.status === 200);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(started.length + busy.length).toBe(20);
    // The first window at once, the next after a brief queue; the rest are told when to come back.
    expect(started.length).toBeGreaterThanOrEqual(5);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.body).toMatchObject({ statusCode: 503, error: 'JUMIO_BUSY' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Jumio never saw a call over its limit, and a refused user has nothing half-started.
    expect(kit.sandbox.control.rateLimitRefusals()).toBe(refusedBefore);
    const refusedUser = ['poi', 'poa'].flatMap((step, parity) =>
      answers
        .map((answer, i) => ({ answer, i }))
        .filter(({ answer, i }) => answer.status === 503 && i % 2 === parity)
        .map(({ i }) => ({ step, user: `burst-${step}-${i}` })),
    )[0];
    const status = await kit.as(refusedUser.user).status(refusedUser.step as 'poi' | 'poa');
    expect(status.status).toBe('NOT_STARTED_YET');
  });

  it('a 429 from Jumio itself (limits lower than configured) reaches the client as 503 with Retry-After', async () => {
    // Let the previous test's window pass, then allow Jumio only one start per window.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    kit.sandbox.control.enforceRateLimits({ startsPerWindow: 1 });
    const first = await kit.as('jumio-limit-1').post('poi', 'initiate', WEB_URLS);
    const second = await kit.as('jumio-limit-2').post('poi', 'initiate', WEB_URLS);
    expect(first.status).toBe(200);
    expect(second.status).toBe(503);
    expect(second.body.error).toBe('JUMIO_RATE_LIMITED');
    // Jumio's 429 names no wait: its window is the honest answer.
    expect(second.headers['retry-after']).toBe('5');
  });

  it('callback confirmations stay within the retrieval budget: postponed, never a 429 at Jumio', async () => {
    const low = await startJumioTestKit('sqlite', {
      pacing: { retrievalsPerWindow: 2, maxQueueWaitMs: 0 },
      reconciliationIntervalMs: 0,
    });
    try {
      low.sandbox.control.enforceRateLimits({ retrievalsPerWindow: 2 });
      const users = ['budget-a', 'budget-b', 'budget-c'];
      for (const user of users) {
        const started = await low.as(user).post('poi', 'initiate', WEB_URLS);
        expect(started.status).toBe(200);
        await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
      }
      await low.sandbox.control.waitForCallbacks(3);
      await Promise.all(users.map((user) => low.as(user).status('poi')));

      expect(low.sandbox.control.rateLimitRefusals()).toBe(0);
      const inbox = await low.rows<{ outcome: string | null; payload: string }>(
        'jumio_callback_inbox',
      );
      expect(inbox).toHaveLength(3);
      // One confirmation (status + data) fits the budget; the others wait for a later pass, kept intact.
      expect(inbox.filter((row) => row.outcome === 'APPLIED').length).toBeGreaterThanOrEqual(1);
      for (const row of inbox.filter((entry) => entry.outcome === null))
        expect(row.payload).not.toBe('');
    } finally {
      await low.close();
    }
  });

  it('the sandbox answers over-limit calls with Jumio’s 429 shape, without Retry-After', async () => {
    kit.sandbox.control.enforceRateLimits({ retrievalsPerWindow: 1 });
    const get = () =>
      request(kit.sandbox.url)
        .get('/api/netverify/v2/scans/00000000-0000-4000-8000-000000000000')
        .auth('sandbox-token', 'sandbox-secret')
        .set('User-Agent', 'Test Bank App/1.0')
        .set('Accept', 'application/json');
    expect((await get()).status).toBe(404);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    expect(limited.headers['retry-after']).toBeUndefined();
  });
});
