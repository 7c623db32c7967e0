import type { MobileHandoffResponse } from '@app/jumio/start/dto/mobile-handoff.response';
import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import type { JumioSandbox } from '@app/jumio-sandbox';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { ADAPTERS, type TestApp } from '../support/create-test-app';
import {
  scanWithSdk,
  startRelayedJumioTestKit,
  type RelayedJumioTestKit,
} from '../support/jumio-test-kit';
import type { HttpRelay } from '../resilience/support/http-relay';

const BODY_TIMEOUT_MS = 1_000;
/** Low, so that the test's flood exceeds it clearly on a busy machine too. */
const RATE_LIMIT = { perSecond: 20, burst: 40 };

/**
 * The public callback route under abuse: a flood is rate limited before bodies are read, well-formed
 * callbacks for a decided transaction cost no Jumio call, and a body trickled in slowly is cut off.
 */
describe.each(ADAPTERS)('callback route under abuse (%s)', (adapter) => {
  let kit: RelayedJumioTestKit;
  let sandbox: JumioSandbox;
  let jumio: HttpRelay;
  let app: TestApp;

  beforeAll(async () => {
    kit = await startRelayedJumioTestKit(
      'sqlite',
      { callbackBodyTimeoutMs: BODY_TIMEOUT_MS, callbackRateLimit: RATE_LIMIT },
      { adapter },
    );
    ({ sandbox, jumio, app } = kit);
  });

  afterAll(() => kit?.close());

  const retrievals = (reference: string) =>
    jumio.count(`GET /api/netverify/v2/scans/${reference}`) +
    jumio.count(`GET /api/netverify/v2/scans/${reference}/data`);

  it('repeated well-formed callbacks of a decided transaction cost no Jumio call', async () => {
    const handoff = (
      await request(app.url)
        .post('/api/private/jumio/poi/!startScanTransaction')
        .set('X-User-Id', 'forged-user')
        .send({})
    ).body as MobileHandoffResponse;
    const reference = await scanWithSdk(sandbox, handoff, 'APPROVED_VERIFIED');
    await sandbox.control.waitForCallbacks(1, { timeoutMs: 10_000 });
    const confirmation = app.app.get(CallbackConfirmation);
    await confirmation.settled();
    const [genuine] = sandbox.control.callbacks();
    const before = retrievals(reference);
    expect(before).toBeGreaterThan(0);

    const path = new URL(genuine.url!).pathname;
    for (let i = 0; i < 20; i++) {
      const response = await request(app.url).post(path).type('form').send(genuine.body);
      expect(response.status).toBe(200);
    }
    await confirmation.settled();
    expect(retrievals(reference)).toBe(before);
  });

  it('cuts off a callback body trickled in slowly', async () => {
    const { port } = new URL(app.url);
    const started = Date.now();
    const closedAfterMs = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/jumio/callback/${'B'.repeat(43)} HTTP/1.1\r\nHost: x\r\n` +
            'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n',
        );
        const trickle = setInterval(() => socket.write('a'), 100);
        socket.on('close', () => {
          clearInterval(trickle);
          resolve(Date.now() - started);
        });
      });
      socket.on('error', () => undefined);
      setTimeout(() => reject(new Error('connection still open after 15 s')), 15_000);
    });
    expect(closedAfterMs).toBeLessThan(BODY_TIMEOUT_MS + 2_000);
  });

  it('answers a flood with 429 + Retry-After before reading bodies', async () => {
    const path = `/api/jumio/callback/${'A'.repeat(43)}`;
    const started = Date.now();
    const answers = await flood(app.url, path, 600, 20);
    const seconds = (Date.now() - started) / 1000;
    const limited = answers.filter(({ status }) => status === 429);
    const served = answers.filter(({ status }) => status === 404);
    // At most the burst plus what the rate refilled meanwhile was read; the rest was refused unread.
    expect(served.length).toBeLessThanOrEqual(
      RATE_LIMIT.burst + RATE_LIMIT.perSecond * seconds + 1,
    );
    expect(limited.length + served.length).toBe(answers.length);
    for (const { retryAfter } of limited) expect(retryAfter).toBe('1');
    // The bucket refills: a moment later, callbacks are read again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await request(app.url).post(path).type('form').send('transactionStatus=DONE');
    expect(after.status).toBe(404);
  });
});

interface FloodAnswer {
  status: number | 'reset';
  retryAfter?: string;
}

/** `total` small form posts, `concurrency` at a time, each on its own connection. */
async function flood(
  baseUrl: string,
  path: string,
  total: number,
  concurrency: number,
): Promise<FloodAnswer[]> {
  const answers: FloodAnswer[] = [];
  const body = 'transactionStatus=DONE';
  const one = () =>
    new Promise<FloodAnswer>((resolve) => {
      const call = httpRequest(
        new URL(path, baseUrl),
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': body.length,
            Connection: 'close',
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              retryAfter: response.headers['retry-after'],
            }),
          );
        },
      );
      call.on('error', () => resolve({ status: 'reset' }));
      call.end(body);
    });
  let left = total;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) answers.push(await one());
    }),
  );
  return answers;
}
