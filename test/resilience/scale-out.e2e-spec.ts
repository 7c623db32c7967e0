import type { MobileHandoffResponse } from '@app/jumio/start/dto/mobile-handoff.response';
import type { WebRedirectResponse } from '@app/jumio/start/dto/web-redirect.response';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import request from 'supertest';
import {
  createTestApp,
  createTestDatabase,
  testJumioOptions,
  type TestApp,
  type TestDatabase,
} from '../support/create-test-app';
import { finishWebJourney, scanWithSdk, WEB_URLS } from '../support/jumio-test-kit';
import { startHttpRelay, type HttpRelay } from './support/http-relay';

const USERS = 16;
const POA_DOCUMENT = { documentType: 'UB', country: 'AUT' };

/**
 * Two instances of the host app on one PostgreSQL behind a round-robin load balancer; Jumio (the sandbox)
 * calls back through the load balancer, so callbacks land on both. Client starts race across instances.
 * Whatever the interleaving: one transaction per start, one result per transaction, none lost.
 */
describe('scale-out: two instances on one PostgreSQL', () => {
  let sandbox: JumioSandbox;
  let database: TestDatabase;
  let balancer: HttpRelay;
  let jumio: HttpRelay;
  const instances: TestApp[] = [];
  const instanceUrls: string[] = [];

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ callbackDelayMs: 50, logger: () => undefined });
    database = await createTestDatabase('postgres');
    jumio = await startHttpRelay([sandbox.url]);
    balancer = await startHttpRelay(instanceUrls);
    // One after the other, as a rolling deploy does: the first one runs the migrations.
    for (let i = 0; i < 2; i++) {
      const app = await createTestApp(
        database,
        testJumioOptions(jumio.url, { callbackBaseUrl: balancer.url }),
      );
      instances.push(app);
      instanceUrls.push(app.url);
    }
  });

  afterAll(async () => {
    for (const app of instances) await app.close();
    await balancer?.close();
    await jumio?.close();
    await sandbox?.close();
    await database?.stop();
  });

  const users = Array.from({ length: USERS }, (_, i) => `scale-user-${i}`);
  const post = (baseUrl: string, userId: string, path: string, body: object) =>
    request(baseUrl).post(`/api/private/jumio/${path}`).set('X-User-Id', userId).send(body);
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    instances[0].dataSource.query<T>(sql, parameters);

  it('keeps one transaction per start and exactly one result per transaction', async () => {
    const stopLoad = statusLoad(balancer.url, users);

    // The same start sent to both instances at once, for every user: web POI and mobile POA.
    const [a, b] = instanceUrls;
    const webStarts = await Promise.all(
      users.map((userId) =>
        Promise.all([
          post(a, userId, 'poi/!initiate', WEB_URLS),
          post(b, userId, 'poi/!initiate', WEB_URLS),
        ]),
      ),
    );
    const mobileStarts = await Promise.all(
      users.map((userId, i) =>
        post(i % 2 ? a : b, userId, 'poa/!startScanTransaction', POA_DOCUMENT),
      ),
    );
    for (const pair of webStarts) {
      expect(pair.map((response) => response.status)).toEqual([200, 200]);
      const [first, second] = pair.map((response) => response.body as WebRedirectResponse);
      expect(second.transactionId).toBe(first.transactionId);
    }
    for (const response of mobileStarts) expect(response.status).toBe(200);
    // A start claims the user's step before it calls Jumio: racing instances pay Jumio once per user.
    expect(jumio.count('POST /api/v4/initiate')).toBe(USERS);

    // The people finish their journeys; Jumio calls back through the balancer, and every callback twice.
    await Promise.all(
      webStarts.map(([response]) =>
        finishWebJourney((response.body as WebRedirectResponse).redirectUrl, 'APPROVED_VERIFIED'),
      ),
    );
    const mobileReferences = await Promise.all(
      mobileStarts.map((response) =>
        scanWithSdk(sandbox, response.body as MobileHandoffResponse, 'EXTRACTED', {
          type: POA_DOCUMENT.documentType,
          country: POA_DOCUMENT.country,
        }),
      ),
    );
    await sandbox.control.waitForCallbacks(2 * USERS, { timeoutMs: 20_000 });
    const references = sandbox.control.callbacks().map((record) => record.reference);
    await Promise.all(references.map((reference) => sandbox.control.resendCallback(reference)));
    await sandbox.control.waitForCallbacks(4 * USERS, { timeoutMs: 20_000 });
    await stopLoad();

    // No duplicate transaction: the racing web starts made one, the mobile starts one each.
    const perUser = await query<{ user_id: string; type: string; n: string }[]>(
      `SELECT user_id, type, count(*) AS n FROM jumio_scan_transaction GROUP BY user_id, type`,
    );
    expect(perUser).toHaveLength(2 * USERS);
    for (const row of perUser) expect(Number(row.n)).toBe(1);

    // No lost or doubled result: one stored result per transaction, applied once, duplicates recognised.
    await expect(
      waitFor(async () => {
        const [{ n }] = await query<{ n: string }[]>(
          `SELECT count(*) AS n FROM jumio_verification_result`,
        );
        return Number(n) === 2 * USERS;
      }),
    ).resolves.toBe(true);
    const outcomes = await query<{ scan_transaction_id: string; outcome: string; n: string }[]>(
      `SELECT scan_transaction_id, outcome, count(*) AS n FROM jumio_callback_inbox
       GROUP BY scan_transaction_id, outcome`,
    );
    const applied = outcomes.filter((row) => row.outcome === 'APPLIED');
    expect(applied).toHaveLength(2 * USERS);
    for (const row of applied) expect(Number(row.n)).toBe(1);
    expect(mobileReferences).toHaveLength(USERS);

    // Both instances tell every user the same thing.
    for (const userId of users) {
      for (const step of ['poi', 'poa']) {
        const [fromA, fromB] = await Promise.all(
          instanceUrls.map((url) =>
            request(url)
              .get(`/api/private/jumio/${step}/!getScanTransactionStatus`)
              .set('X-User-Id', userId),
          ),
        );
        expect(fromA.body).toEqual(fromB.body);
        expect(fromA.body).toMatchObject({
          status: 'SUCCESS',
          verification: { decision: 'APPROVED' },
        });
      }
    }
    // The balancer spread the traffic (status load and callbacks) over both instances.
    const [toA, toB] = balancer.perTarget();
    expect(Math.min(toA, toB)).toBeGreaterThan(USERS);
  });
});

/** Status reads through the balancer from 8 concurrent pollers, until stopped. */
function statusLoad(baseUrl: string, users: string[]): () => Promise<void> {
  let running = true;
  const poller = async (offset: number) => {
    for (let i = offset; running; i++) {
      const response = await request(baseUrl)
        .get('/api/private/jumio/poi/!getScanTransactionStatus')
        .set('X-User-Id', users[i % users.length]);
      expect(response.status).toBe(200);
    }
  };
  const pollers = Array.from({ length: 8 }, (_, i) => poller(i));
  return async () => {
    running = false;
    await Promise.all(pollers);
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}
