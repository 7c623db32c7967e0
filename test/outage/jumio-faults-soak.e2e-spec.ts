import type { WebRedirectResponse } from '@app/jumio/start/dto/web-redirect.response';
import type { FaultSpec, JumioSandbox } from '@app/jumio-sandbox';
import request from 'supertest';
import type { TestApp } from '../support/create-test-app';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';

const SOAK_MS = 12_000;
const FAULT_PERIOD_MS = 1_500;
/** Jumio healthy, failing, rate limiting, hanging on starts, hanging and failing on retrievals. */
const FAULTS: Array<Omit<FaultSpec, 'times'> | null> = [
  null,
  { group: 'all', kind: 503 },
  { group: 'all', kind: 429, retryAfterSeconds: 1 },
  { group: 'initiate', kind: 'hang' },
  { group: 'retrieval', kind: 'hang' },
  { group: 'retrieval', kind: 500 },
];

/**
 * A short soak of web journeys (real HTTP, real PostgreSQL) while Jumio, the sandbox, keeps changing
 * between healthy, failing (5xx), rate limiting (429) and hanging. Afterwards: no half-made transaction
 * (every stored one has Jumio's reference and link) and, once Jumio is back, no lost result.
 */
describe('Jumio slow, failing and rate limiting during a soak', () => {
  let kit: JumioTestKit;
  let sandbox: JumioSandbox;
  let app: TestApp;

  beforeAll(async () => {
    kit = await startJumioTestKit('postgres', {
      requestTimeoutMs: 500,
      resilience: {
        deadlineMs: 1_500,
        retryInitialDelayMs: 20,
        retryMaxDelayMs: 100,
        maxRetryAfterMs: 1_000,
        breakerThreshold: 3,
        breakerHalfOpenAfterMs: 1_000,
      },
      // Reconciliation every second: what a failed confirmation left open is found again quickly.
      retrievalScheduleSeconds: Array.from({ length: 60 }, () => 1),
      reconciliationIntervalMs: 500,
      callbackInboxIntervalMs: 500,
    });
    ({ sandbox, app } = kit);
  });

  afterAll(async () => {
    sandbox?.control.reset();
    await kit?.close();
  });

  it('leaves no half-made transaction and loses no result', async () => {
    const finished = new Set<string>();
    const statuses = new Map<number, number>();
    let running = true;
    const journeys = Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = 0; running; i++) {
          const userId = `soak-${worker}-${i}`;
          const response = await request(app.url)
            .post('/api/private/jumio/poi/!initiate')
            .set('X-User-Id', userId)
            .send(WEB_URLS);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status !== 200) continue;
          const { transactionId, redirectUrl } = response.body as WebRedirectResponse;
          await finishWebJourney(redirectUrl, 'APPROVED_VERIFIED');
          finished.add(transactionId);
        }
      }),
    );
    for (let elapsed = 0; elapsed < SOAK_MS; elapsed += FAULT_PERIOD_MS) {
      sandbox.control.reset();
      const fault = FAULTS[(elapsed / FAULT_PERIOD_MS) % FAULTS.length];
      if (fault) sandbox.control.setFault(fault);
      await new Promise((resolve) => setTimeout(resolve, FAULT_PERIOD_MS));
    }
    running = false;
    await journeys;
    sandbox.control.reset();

    // Starts failed while Jumio did, and only with 503 (never a 500).
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(finished.size).toBeGreaterThan(5);

    const rows = await app.dataSource.query<
      {
        id: string;
        jumio_reference: string | null;
        redirect_url: string | null;
        decision: string | null;
      }[]
    >(`SELECT id, jumio_reference, redirect_url, decision FROM jumio_scan_transaction`);
    const known = new Set(sandbox.control.findTransactions().map((tx) => tx.reference));
    const halfMade = rows.filter(
      (row) => !row.jumio_reference || !row.redirect_url || !known.has(row.jumio_reference),
    );
    expect(halfMade).toEqual([]);
    expect(rows.map((row) => row.id).sort()).toEqual([...finished].sort());

    const started = Date.now();
    let undecided = rows.length;
    while (Date.now() - started < 30_000) {
      const [{ n }] = await app.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM jumio_scan_transaction WHERE decision IS DISTINCT FROM 'APPROVED'`,
      );
      undecided = Number(n);
      if (undecided === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    console.log(
      `Jumio fault soak: starts ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${finished.size} journeys, all decided ${Date.now() - started} ms after Jumio returned`,
    );
    expect(undecided).toBe(0);
  }, 90_000);
});
