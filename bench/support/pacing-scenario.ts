import { createServer } from 'node:net';
import type { CompiledServers } from './compile';
import { startServer } from './server-process';

/** Concurrent starts fired at once: four times Jumio's 5-per-5-s limit. */
const STARTS = 20;
const WEB_URLS = {
  successUrl: 'https://bank.example/onboarding/jumio/success',
  errorUrl: 'https://bank.example/onboarding/jumio/error',
};

export interface PacingResult {
  starts: number;
  ok: number;
  /** 503 with a Retry-After header, and the Retry-After values seen. */
  busyWithRetryAfter: number;
  retryAfterSeconds: number[];
  /** What must be zero: raw 429s, 503 without Retry-After, other 5xx, anything else. */
  tooManyRequests: number;
  otherFailures: number;
  /** 429 answers the sandbox gave the module (calls let through over Jumio's limit). */
  sandbox429: number;
  /** Time until the last answer. */
  seconds: number;
}

/**
 * `npm run bench` scenario "pacing": 20 concurrent billed starts (10 POI initiate, 10 POA acquisitions, all
 * to the one sandbox host) against the demo app paced at 5 starts / 5 s, the sandbox enforcing Jumio's
 * documented limits. Each must succeed or get 503 with Retry-After; none a 429 or another 5xx.
 */
export async function runPacingScenario(
  compiled: CompiledServers,
  env: Record<string, string>,
): Promise<PacingResult> {
  const sandboxPort = await freePort();
  const server = await startServer(compiled, 'pacing', {
    ...env,
    JUMIO_SANDBOX_PORT: String(sandboxPort),
  });
  try {
    const run = Date.now();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: STARTS }, (_, i) => {
        const [step, action, body] =
          i % 2 === 0
            ? ['poi', 'initiate', WEB_URLS]
            : ['poa', 'acquisitions', { ...WEB_URLS, documentType: 'UB', country: 'GBR' }];
        return fetch(`${server.url}/api/private/jumio/${step}/!${action}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-User-Id': `pacing-${run}-${i}` },
          body: JSON.stringify(body),
        }).then(async (response) => {
          await response.arrayBuffer();
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const limits = await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/control/rate-limits`);
    const { refused } = (await limits.json()) as { refused: number };
    const busy = answers.filter((answer) => answer.status === 503 && answer.retryAfter);
    return {
      starts: STARTS,
      ok: answers.filter((answer) => answer.status === 200).length,
      busyWithRetryAfter: busy.length,
      retryAfterSeconds: busy.map((answer) => Number(answer.retryAfter)),
      tooManyRequests: answers.filter((answer) => answer.status === 429).length,
      otherFailures: answers.filter(
        (answer) => answer.status !== 200 && !(answer.status === 503 && answer.retryAfter),
      ).length,
      sandbox429: refused,
      seconds,
    };
  } finally {
    await server.stop();
  }
}

export function formatPacing(result: PacingResult): string {
  const met = result.ok + result.busyWithRetryAfter === result.starts && result.sandbox429 === 0;
  const waits = [...new Set(result.retryAfterSeconds)].sort((a, b) => a - b).join(', ') || '–';
  return (
    '| pacing scenario | starts | 200 | 503 + Retry-After (s) | 429 | other non-2xx | 429 at the sandbox | last answer after | verdict |\n' +
    '|---|---:|---:|---|---:|---:|---:|---:|---|\n' +
    `| ${result.starts} concurrent starts, 5 per 5 s | ${result.starts} | ${result.ok} | ` +
    `${result.busyWithRetryAfter} (${waits}) | ${result.tooManyRequests} | ${result.otherFailures} | ` +
    `${result.sandbox429} | ${result.seconds.toFixed(1)} s | ${met ? 'met' : 'MISSED'} |`
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
