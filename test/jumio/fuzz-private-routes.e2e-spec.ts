import { Agent, request as httpRequest } from 'node:http';
import { findLeak } from '../support/leak-patterns';
import { fuzzBody, seededRandom } from '../support/fuzz-bodies';
import { startJumioTestKit, type JumioTestKit } from '../support/jumio-test-kit';

const ROUTES = [
  'poi/!getScanTransactionStatus',
  'poi/!startScanTransaction',
  'poi/!setScanTransaction',
  'poi/!setScanTransactionStatus',
  'poi/!initiate',
  'poa/!getScanTransactionStatus',
  'poa/!startScanTransaction',
  'poa/!setScanTransaction',
  'poa/!setScanTransactionStatus',
  'poa/!acquisitions',
];
const REQUESTS_PER_ROUTE = 1_000;

interface Answer {
  status: number;
  body: string;
}

/**
 * Fuzzed bodies (deep nesting, wide arrays, many keys, odd values, broken JSON, forms) against every
 * private route of a real HTTP server: never a 5xx, and no error body leaks internals.
 */
describe('fuzzed bodies on the private routes', () => {
  let kit: JumioTestKit;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  beforeAll(async () => {
    kit = await startJumioTestKit('sqlite');
  });

  afterAll(async () => {
    agent.destroy();
    await kit?.close();
  });

  function send(path: string, contentType: string, body: string, userId: string): Promise<Answer> {
    const url = new URL(`/api/private/jumio/${path}`, kit.app.url);
    return new Promise((resolve, reject) => {
      const call = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': contentType,
            'Content-Length': Buffer.byteLength(body),
            'X-User-Id': userId,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      call.on('error', reject);
      call.end(body);
    });
  }

  it.each(ROUTES)(`%s: ${REQUESTS_PER_ROUTE} fuzzed requests, 0 × 5xx, no leaks`, async (route) => {
    const random = seededRandom(route.length * 7919 + route.charCodeAt(4));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const queue = Array.from({ length: REQUESTS_PER_ROUTE }, (_, i) => i);
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const { contentType, body } = fuzzBody(random);
        const answer = await send(route, contentType, body, `fuzz-user-${i % 50}`);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const leak = answer.status >= 400 ? findLeak(answer.body) : undefined;
        if (answer.status >= 500 || leak) {
          failures.push(
            `${answer.status} ${leak ?? ''} for ${body.slice(0, 80)}: ${answer.body.slice(0, 200)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures.slice(0, 5)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS_PER_ROUTE);
  });
});
