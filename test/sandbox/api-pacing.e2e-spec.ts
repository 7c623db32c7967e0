import { JUMIO_DEFAULT_RATE_LIMITS, type JumioSandbox } from '@app/jumio-sandbox';
import { submitCapture } from './support/capture-journey';
import { initiate, startTestSandbox, validInitiateBody } from './support/sandbox-fixture';
import { getJson, postJson, send } from './support/sandbox-http';

describe('sandbox: response delays and rate limits (benchmarks and soaks)', () => {
  let sandbox: JumioSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ callbackDelayMs: 0 });
  });
  afterEach(() => sandbox.control.reset());
  afterAll(() => sandbox.close());

  async function finishedScan(): Promise<string> {
    const created = await initiate(sandbox);
    await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
    return created.transactionReference;
  }

  it('delays the answers of one group only', async () => {
    const reference = await finishedScan();
    sandbox.control.setResponseDelay('retrieval', 150);
    let started = Date.now();
    const slow = await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`);
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(140);
  });

  it("answers 429 like Jumio (no Retry-After) beyond a group's limit, and again once the window passed", async () => {
    const reference = await finishedScan();
    sandbox.control.setRateLimit({ group: 'retrieval', requests: 2, perSeconds: 1 });
    const path = `/api/netverify/v2/scans/${reference}`;
    const refusedBefore = sandbox.control.rateLimitRefusals();
    expect((await getJson(sandbox.url, path)).status).toBe(200);
    expect((await getJson(sandbox.url, path)).status).toBe(200);
    const limited = await getJson(sandbox.url, path);
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({
      title: 'Too Many Requests',
      status: 429,
      detail: expect.any(String),
    });
    expect(limited.headers['retry-after']).toBeUndefined();
    // One limiter: the per-group limits count in the same refusals as Jumio's documented ones.
    expect(sandbox.control.rateLimitRefusals()).toBe(refusedBefore + 1);
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await getJson(sandbox.url, path)).status).toBe(200);
  });

  it('is steered over HTTP too, and reset turns it off', async () => {
    const reference = await finishedScan();
    const control = (method: string, path: string, body?: unknown) =>
      send({
        method,
        url: `${sandbox.url}/sandbox/control${path}`,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await control('PUT', '/response-delay', { group: 'all', ms: -1 })).status).toBe(400);
    expect(
      (await control('POST', '/rate-limits', { group: 'retrieval', requests: 0, perSeconds: 5 }))
        .status,
    ).toBe(400);
    for (const limit of JUMIO_DEFAULT_RATE_LIMITS) {
      expect((await control('POST', '/rate-limits', limit)).status).toBe(200);
    }
    const path = `/api/netverify/v2/scans/${reference}`;
    const answers = await Promise.all(Array.from({ length: 80 }, () => getJson(sandbox.url, path)));
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(5);
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await getJson(sandbox.url, path)).status).toBe(200);
  });
});
