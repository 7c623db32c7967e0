import { JumioClient } from '@app/jumio/jumio/jumio.client';
import { resolveJumioSettings } from '@app/jumio/option-validation/resolve-jumio-settings';
import { JumioErrorCode, type JumioModuleOptions } from '@app/jumio';
import type { JumioSandbox } from '@app/jumio-sandbox';
import request from 'supertest';
import { ADAPTERS, testJumioOptions, type TestApp } from '../support/create-test-app';
import {
  startRelayedJumioTestKit,
  startRelayedSandbox,
  WEB_URLS,
  type RelayedJumioTestKit,
  type RelayedSandbox,
} from '../support/jumio-test-kit';
import type { HttpRelay } from './support/http-relay';

/** Per-attempt timeout and deadline kept short so that "never hangs past its timeout" is quick to see. */
const ATTEMPT_TIMEOUT_MS = 400;
const DEADLINE_MS = 1_500;
/** What a client route may take at most: the deadline plus the app's own work on a busy 2-core machine. */
const ROUTE_BUDGET_MS = DEADLINE_MS + 1_000;

const INITIATE = 'POST /api/v4/initiate';
const ACQUISITIONS = 'POST /api/netverify/v2/acquisitions';

const resilience: JumioModuleOptions['resilience'] = {
  deadlineMs: DEADLINE_MS,
  retryInitialDelayMs: 20,
  retryMaxDelayMs: 100,
  maxRetryAfterMs: 1_000,
  breakerThreshold: 3,
  breakerHalfOpenAfterMs: 60_000,
};

describe.each(ADAPTERS)('Jumio failing, seen through the client routes (%s)', (adapter) => {
  let kit: RelayedJumioTestKit;
  let sandbox: JumioSandbox;
  let jumio: HttpRelay;
  let app: TestApp;
  let user = 0;

  beforeAll(async () => {
    kit = await startRelayedJumioTestKit(
      'sqlite',
      // Every fault here hits the same host: keep its circuit closed (the breaker has its own suite).
      {
        requestTimeoutMs: ATTEMPT_TIMEOUT_MS,
        resilience: { ...resilience, breakerThreshold: 100 },
      },
      { adapter },
    );
    ({ sandbox, jumio, app } = kit);
  });

  afterAll(() => kit?.close());

  afterEach(() => sandbox.control.reset());

  /** Each test its own user, so that no open transaction is reused between tests. */
  const nextUser = () => `fault-user-${adapter}-${++user}`;

  async function timed(call: () => Promise<request.Response>) {
    const started = Date.now();
    const response = await call();
    return { response, ms: Date.now() - started };
  }

  const initiate = (userId: string) =>
    request(app.url)
      .post('/api/private/jumio/poi/!initiate')
      .set('X-User-Id', userId)
      .send(WEB_URLS);

  const acquire = (userId: string) =>
    request(app.url)
      .post('/api/private/jumio/poa/!acquisitions')
      .set('X-User-Id', userId)
      .send({ ...WEB_URLS, documentType: 'UB', country: 'AUT' });

  it.each([
    ['503', { kind: 503 as const }],
    ['429 with Retry-After', { kind: 429 as const, retryAfterSeconds: 1 }],
    ['hanging', { kind: 'hang' as const }],
  ])('initiate: Jumio %s → 503 within the timeout, sent once, nothing stored', async (_, fault) => {
    sandbox.control.setFault({ group: 'initiate', times: 1, ...fault });
    const before = jumio.count(INITIATE);
    const userId = nextUser();

    const { response, ms } = await timed(() => initiate(userId));

    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/^JUMIO_(UNAVAILABLE|RATE_LIMITED)$/);
    expect(ms).toBeLessThan(ROUTE_BUDGET_MS);
    // Give a (wrong) retry time to happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(jumio.count(INITIATE) - before).toBe(1);
    const status = await request(app.url)
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-User-Id', userId);
    expect(status.body).toMatchObject({ status: 'NOT_STARTED_YET', transactionId: null });
  });

  it('initiate: a 429 answers 503 with the Retry-After Jumio gave', async () => {
    sandbox.control.setFault({ group: 'initiate', kind: 429, retryAfterSeconds: 7, times: 1 });
    const response = await initiate(nextUser());
    expect(response.status).toBe(503);
    expect(response.body.error).toBe(JumioErrorCode.JUMIO_RATE_LIMITED);
    expect(response.headers['retry-after']).toBe('7');
  });

  it('acquisitions: Jumio 503 or hanging → 503 within the timeout, sent once', async () => {
    for (const kind of [503, 'hang'] as const) {
      sandbox.control.setFault({ group: 'acquisitions', kind, times: 1 });
      const before = jumio.count(ACQUISITIONS);
      const { response, ms } = await timed(() => acquire(nextUser()));
      expect(response.status).toBe(503);
      expect(ms).toBeLessThan(ROUTE_BUDGET_MS);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(jumio.count(ACQUISITIONS) - before).toBe(1);
    }
  });

  it('after the fault clears, the same start succeeds', async () => {
    sandbox.control.setFault({ group: 'initiate', kind: 503, times: 1 });
    const userId = nextUser();
    expect((await initiate(userId)).status).toBe(503);
    const retried = await initiate(userId);
    expect(retried.status).toBe(200);
    expect(retried.body.redirectUrl).toContain('authorizationToken=');
  });
});

/** Each test its own app, so that every test starts with closed circuits. */
describe('circuit breaker over real HTTP', () => {
  let kit: RelayedJumioTestKit;
  let sandbox: JumioSandbox;
  let jumio: HttpRelay;
  let app: TestApp;

  beforeEach(async () => {
    kit = await startRelayedJumioTestKit('sqlite', {
      requestTimeoutMs: ATTEMPT_TIMEOUT_MS,
      resilience,
    });
    ({ sandbox, jumio, app } = kit);
  });

  afterEach(async () => {
    sandbox?.control.reset();
    await kit?.close();
  });

  it('per Jumio host: opens after consecutive failures and then fails fast with 503 without calling Jumio', async () => {
    sandbox.control.setFault({ group: 'initiate', kind: 503 });
    const initiate = (i: number) =>
      request(app.url)
        .post('/api/private/jumio/poi/!initiate')
        .set('X-User-Id', `breaker-user-${i}`)
        .send(WEB_URLS);
    for (let i = 0; i < 3; i++) expect((await initiate(i)).status).toBe(503);
    const sent = jumio.count(INITIATE);

    const started = Date.now();
    const fast = await initiate(99);
    expect(fast.status).toBe(503);
    expect(fast.body.error).toBe(JumioErrorCode.JUMIO_UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(ATTEMPT_TIMEOUT_MS);
    expect(jumio.count(INITIATE)).toBe(sent);

    // Reads that need no Jumio keep working while its circuit is open.
    const status = await request(app.url)
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-User-Id', 'breaker-user-99');
    expect(status.status).toBe(200);
  });

  it('per endpoint group: a hanging start opens the start circuit although status reads to the same host keep succeeding', async () => {
    const initiate = (userId: string) =>
      request(app.url)
        .post('/api/private/jumio/poi/!initiate')
        .set('X-User-Id', userId)
        .send(WEB_URLS);
    const client = app.app.get(JumioClient, { strict: false });
    expect((await initiate('endpoint-ok')).status).toBe(200);
    const [{ jumio_reference: reference }] = await app.dataSource.query<
      { jumio_reference: string }[]
    >('SELECT jumio_reference FROM jumio_scan_transaction');
    sandbox.control.setFault({ group: 'initiate', kind: 'hang' });
    for (let i = 0; i < 3; i++) {
      expect((await initiate(`endpoint-hang-${i}`)).status).toBe(503);
      await expect(client.getNetverifyScanStatus(reference)).resolves.toMatchObject({
        scanReference: reference,
      });
    }
    const sent = jumio.count(INITIATE);
    const started = Date.now();
    const fast = await initiate('endpoint-hang-fast');
    expect(fast.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(ATTEMPT_TIMEOUT_MS);
    expect(jumio.count(INITIATE)).toBe(sent);
  });
});

describe('JumioClient retrieval against the sandbox, over real HTTP', () => {
  const CLIENT_DEADLINE_MS = 3_000;
  let relayed: RelayedSandbox;
  let sandbox: JumioSandbox;
  let jumio: HttpRelay;
  let client: JumioClient;
  let reference: string;

  beforeAll(async () => {
    relayed = await startRelayedSandbox();
    ({ sandbox, jumio } = relayed);
    const options = testJumioOptions(jumio.url, {
      requestTimeoutMs: ATTEMPT_TIMEOUT_MS,
      resilience: { ...resilience, deadlineMs: CLIENT_DEADLINE_MS, breakerThreshold: 50 },
    });
    client = new JumioClient(
      resolveJumioSettings({ ...options, callbackBaseUrl: 'http://127.0.0.1:1' }),
    );
    const started = await client.initiateNetverify({
      customerInternalReference: 'retrieval-retry-test',
      userReference: 'retrieval-retry-user',
      successUrl: WEB_URLS.successUrl,
      errorUrl: WEB_URLS.errorUrl,
    });
    reference = started.transactionReference;
  });

  afterAll(() => relayed?.close());

  afterEach(() => sandbox.control.reset());

  const statusPath = () => `GET /api/netverify/v2/scans/${reference}`;

  it('retries a retrieval on 503 and returns the answer that follows', async () => {
    sandbox.control.setFault({ group: 'retrieval', kind: 503, times: 2 });
    const before = jumio.count(statusPath());
    await expect(client.getNetverifyScanStatus(reference)).resolves.toMatchObject({
      scanReference: reference,
    });
    expect(jumio.count(statusPath()) - before).toBe(3);
  });

  it('retries a retrieval after a hang (attempt timeout) and after a 429, honouring Retry-After', async () => {
    sandbox.control.setFault({ group: 'retrieval', kind: 'hang', times: 1 });
    sandbox.control.setFault({ group: 'retrieval', kind: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await expect(client.getNetverifyScanStatus(reference)).resolves.toMatchObject({
      scanReference: reference,
    });
    // One attempt timed out (400 ms), then one 429 asked for 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(ATTEMPT_TIMEOUT_MS + 1_000 - 50);
  });

  it('gives up at the deadline when Jumio keeps hanging, and answers JUMIO_UNAVAILABLE', async () => {
    sandbox.control.setFault({ group: 'retrieval', kind: 'hang' });
    const started = Date.now();
    await expect(client.getNetverifyScanStatus(reference)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(CLIENT_DEADLINE_MS + 500);
  });
});
