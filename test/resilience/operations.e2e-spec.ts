import request from 'supertest';
import { ADAPTERS } from '../support/create-test-app';
import { WEB_URLS } from '../support/jumio-test-kit';
import { startOpsHost, type OpsHost } from './support/ops-test-app';

const RATE_LIMIT = 3;

describe.each(ADAPTERS)('JumioOpsModule (%s)', (adapter) => {
  let host: OpsHost;
  let url: string;

  beforeAll(async () => {
    host = await startOpsHost(adapter, {
      billableRateLimit: { limit: RATE_LIMIT, ttlMs: 60_000 },
      accessLog: false,
    });
    ({ url } = host);
  });

  afterAll(() => host?.close());

  const status = (userId: string) =>
    request(url).get('/api/private/jumio/poi/!getScanTransactionStatus').set('X-User-Id', userId);

  it('echoes an acceptable X-Request-Id and makes one up otherwise', async () => {
    const given = await status('ops-user').set('X-Request-Id', 'trace-42.a');
    expect(given.headers['x-request-id']).toBe('trace-42.a');
    const made = await status('ops-user').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await status('ops-user');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers liveness and readiness (database ping, Jumio circuits)', async () => {
    const live = await request(url).get('/health/live');
    expect(live.status).toBe(200);
    const ready = await request(url).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, jumio: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics: Jumio calls, callbacks, transactions, backlog, process', async () => {
    expect(
      (
        await request(url)
          .post('/api/private/jumio/poi/!initiate')
          .set('X-User-Id', 'metrics-user')
          .send(WEB_URLS)
      ).status,
    ).toBe(200);
    await request(url)
      .post(`/api/jumio/callback/${'x'.repeat(43)}`)
      .type('form')
      .send({ callBackType: 'NETVERIFYID' });

    const metrics = await request(url).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    const text = metrics.text;
    expect(text).toMatch(
      /jumio_call_duration_seconds_count\{endpoint="POST \/api\/v4\/initiate",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/jumio_callbacks_received_total 1/);
    expect(text).toMatch(/jumio_callbacks_rejected_total\{reason="UNKNOWN_TOKEN"\} 1/);
    expect(text).toMatch(
      /jumio_scan_transactions\{type="POI",channel="WEB",status="PENDING",decision="NONE"\} 1/,
    );
    expect(text).toMatch(/jumio_reconciliation_backlog 0/);
    expect(text).toMatch(
      /jumio_circuit_state\{host="http:\/\/127\.0\.0\.1:\d+",endpoint="initiate"\} 0/,
    );
    expect(text).toMatch(/process_resident_memory_bytes/);
    // Labels never carry users, references or tokens.
    expect(text).not.toContain('metrics-user');
    expect(text).not.toContain('x'.repeat(43));
  });

  it('rate-limits the routes that cost money per user, and nothing else', async () => {
    const start = (userId: string) =>
      request(url)
        .post('/api/private/jumio/poa/!startScanTransaction')
        .set('X-User-Id', userId)
        .send({ documentType: 'UB', country: 'AUT' });
    for (let i = 0; i < RATE_LIMIT; i++) expect((await start('busy-user')).status).toBe(200);
    const limited = await start('busy-user');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another user is not affected; neither are reads nor the callback.
    expect((await start('calm-user')).status).toBe(200);
    for (let i = 0; i < RATE_LIMIT + 2; i++) expect((await status('busy-user')).status).toBe(200);
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      const callback = await request(url)
        .post(`/api/jumio/callback/${'y'.repeat(43)}`)
        .type('form')
        .send({ callBackType: 'NETVERIFYID' });
      expect(callback.status).toBe(404);
    }
  });
});

describe.each(ADAPTERS)('JumioOpsModule with numeric user ids (%s)', (adapter) => {
  let host: OpsHost;
  let url: string;

  beforeAll(async () => {
    // The default resolver (`request.user.id`) and a host whose authentication sets a numeric id.
    host = await startOpsHost(
      adapter,
      { billableRateLimit: { limit: RATE_LIMIT, ttlMs: 60_000 }, accessLog: false },
      { jumio: { resolveUserId: undefined }, numericUserIds: true },
    );
    ({ url } = host);
  });

  afterAll(() => host?.close());

  it('rate-limits the user the guard resolved, not the client address', async () => {
    const start = (userId: string) =>
      request(url)
        .post('/api/private/jumio/poa/!startScanTransaction')
        .set('X-User-Id', userId)
        .send({ documentType: 'UB', country: 'AUT' });
    for (let i = 0; i < RATE_LIMIT; i++) expect((await start('41')).status).toBe(200);
    expect((await start('41')).status).toBe(429);
    // Same address, another user: not limited.
    expect((await start('42')).status).toBe(200);
  });
});
