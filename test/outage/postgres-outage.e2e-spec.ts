import request from 'supertest';
import { freePort } from '../support/free-port';
import { WEB_URLS } from '../support/jumio-test-kit';
import { findLeak } from '../support/leak-patterns';
import { startDemoProcess, type DemoProcess } from './support/demo-process';
import { createTestDatabase, type TestDatabase } from '../support/create-test-app';
import { startTcpSwitch, type TcpSwitch } from './support/tcp-switch';

/** Starting the demo under ts-node takes 10-25 s on a busy two-core machine. */
const STARTUP_MS = 90_000;
/** No request may hang: the demo's connect timeout is 2 s, its query timeouts 5-6 s. */
const ANSWER_BUDGET_MS = 3_000;
const OUTAGE_MS = 6_000;

type Phase = 'before' | 'outage' | 'after';

interface Observed {
  status: number;
  ms: number;
  retryAfter?: string;
  body: string;
}

/**
 * PostgreSQL stopped under load (its connections cut and new ones refused, by a switch in front of it), with the demo in its own process: every route answers 503 with
 * Retry-After within a bounded time (no hang, no 500, no crash), readiness says the database is down
 * without internals, and the instance serves again by itself once PostgreSQL is back.
 */
describe('PostgreSQL stopped under load', () => {
  let database: TestDatabase;
  let postgres: TcpSwitch;
  let demo: DemoProcess;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const url = new URL((database.options as { url: string }).url);
    postgres = await startTcpSwitch(url.hostname, Number(url.port));
    url.port = String(postgres.port);
    demo = await startDemoProcess(await freePort(), {
      DATABASE_URL: url.toString(),
      JUMIO_SANDBOX: 'true',
      JUMIO_SANDBOX_PORT: '0',
      // Starts come faster than Jumio's 5 per 5 s: pacing (503 JUMIO_BUSY) is not under test here.
      JUMIO_PACING_STARTS: '1000',
    });
  }, STARTUP_MS);

  afterAll(async () => {
    await demo?.stop();
    await postgres?.close();
    await database?.stop();
  });

  const observe = async (call: () => request.Test): Promise<Observed> => {
    const started = Date.now();
    const response = await call();
    return {
      status: response.status,
      ms: Date.now() - started,
      retryAfter: response.headers['retry-after'],
      body: response.text,
    };
  };
  const status = (user: string) => () =>
    request(demo.url)
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-User-Id', user);
  const initiate = (user: string) => () =>
    request(demo.url)
      .post('/api/private/jumio/poi/!initiate')
      .set('X-User-Id', user)
      .send(WEB_URLS);
  const ready = () => request(demo.url).get('/health/ready');

  it(
    'answers 503 + Retry-After quickly, reports it, and recovers by itself',
    async () => {
      let phase = 'before' as Phase;
      const seen: Record<Phase, Observed[]> = { before: [], outage: [], after: [] };
      let running = true;
      const load = Promise.all(
        Array.from({ length: 6 }, async (_, worker) => {
          for (let i = 0; running; i++) {
            const user = `pg-outage-${worker}-${i % 50}`; // under the per-user limit on billed starts
            const startedIn = phase;
            const observed = await observe(i % 4 === 0 ? initiate(user) : status(user));
            // A request that overlapped the outage counts as one of it.
            seen[startedIn === 'before' && phase !== 'before' ? 'outage' : startedIn].push(
              observed,
            );
          }
        }),
      );

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      phase = 'outage';
      await postgres.cut();
      const readiness = await observe(ready);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));

      await postgres.restore();
      const resumedAt = Date.now();
      let recoveredMs = -1;
      while (Date.now() - resumedAt < 20_000) {
        const [probe, read] = await Promise.all([ready(), status('pg-outage-probe')()]);
        if (probe.status === 200 && read.status === 200) {
          recoveredMs = Date.now() - resumedAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      phase = 'after';
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      running = false;
      await load;

      const outage = seen.outage;
      const unavailable = outage.filter(({ status }) => status === 503);
      const slowest = Math.max(...outage.map(({ ms }) => ms));
      console.log(
        `PostgreSQL outage: ${outage.length} requests, ${unavailable.length} × 503, slowest ${slowest} ms; ` +
          `readiness ${readiness.status} in ${readiness.ms} ms; recovered ${recoveredMs} ms after restart`,
      );
      expect(demo.alive()).toBe(true);
      expect(seen.before.filter(({ status }) => status !== 200).length).toBe(0);
      expect(unavailable.length).toBeGreaterThan(10);
      for (const answer of outage) {
        // Requests under way when PostgreSQL went (or came back) may still have succeeded.
        expect([200, 503]).toContain(answer.status);
        expect(answer.ms).toBeLessThan(ANSWER_BUDGET_MS);
        expect(findLeak(answer.body)).toBeUndefined();
      }
      for (const answer of unavailable) {
        expect(answer.retryAfter).toBe('5');
        expect(JSON.parse(answer.body)).toMatchObject({ error: 'DATABASE_UNAVAILABLE' });
      }
      expect(readiness.status).toBe(503);
      expect(readiness.ms).toBeLessThan(ANSWER_BUDGET_MS);
      expect(JSON.parse(readiness.body)).toMatchObject({ error: { database: { status: 'down' } } });
      expect(readiness.body).not.toMatch(/ECONNREFUSED|5432|\d+\.\d+\.\d+\.\d+|terminat|connect/i);
      expect(recoveredMs).toBeGreaterThanOrEqual(0);
      expect(recoveredMs).toBeLessThan(10_000);
      // Pooled connections broken by the outage may still fail once each when next used: recovery is
      // most answers right away and every fresh one a moment later.
      const after = seen.after.map(({ status }) => status);
      console.log(
        `after recovery: ${after.filter((status) => status !== 200).join(',') || 'all 200'}`,
      );
      expect(after.filter((status) => status >= 500 && status !== 503)).toEqual([]);
      expect(after.filter((status) => status === 200).length).toBeGreaterThanOrEqual(
        after.length * 0.8,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await status('pg-outage-final')()).status).toBe(200);
      expect((await ready()).status).toBe(200);
    },
    2 * STARTUP_MS,
  );
});
