/**
 * A/B of the demo app's own CPU per request, in process: `ts-node --transpile-only bench/cpu-ab.ts <dir>`
 * compiles this checkout and the checkout in <dir> (e.g. `git archive main`, with a node_modules link),
 * starts one PostgreSQL, and runs each side's demo app in alternating rounds (this side first in odd
 * rounds), driving it with light-my-request: the status read on Fastify and Express, and callback
 * ingestion on Fastify (API-only instance, so that no confirmation runs in the process; on Express
 * light-my-request's request stream reads as already ended to the module's callback reader). Measured: the child process's
 * CPU time ÷ requests. No sockets and no load generator on another process: what differs between two
 * trees' HTTP layers shows with less of the noise of a shared machine (the run still shares its CPU).
 * Env: CPU_AB_ROUNDS (5), CPU_AB_REQUESTS (20000), CPU_AB_WARMUP (5000), CPU_AB_CONCURRENCY (50),
 * CPU_AB_LOADS (status,callback), CPU_AB_ADAPTERS (fastify,express); COUNT_ASYNC=1 counts the async
 * resources (promises, ...) each request makes instead: exact on any machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchToken } from './support/bench-token';
import { callbackForm } from './support/callback-form';
import { compileServers } from './support/compile';
import { startBenchDatabase } from './support/database';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const ROUNDS = Number(env('CPU_AB_ROUNDS', '5'));
const MEASURED = env('CPU_AB_REQUESTS', '20000');
const WARMUP = env('CPU_AB_WARMUP', '5000');
const CONCURRENCY = env('CPU_AB_CONCURRENCY', '50');
const LOADS = env('CPU_AB_LOADS', 'status,callback').split(',');
const ADAPTERS = env('CPU_AB_ADAPTERS', 'fastify,express').split(',');
const USERS = 1000;

async function main(): Promise<void> {
  const other = process.argv[2];
  if (!other) throw new Error('usage: bench/cpu-ab.ts <other checkout>');
  const sides = [
    { name: 'this', compiled: compileServers() },
    { name: 'other', compiled: compileServers(other) },
  ];
  const database = await startBenchDatabase();
  await database.seedTo(USERS);
  const dir = mkdtempSync(join(tmpdir(), 'jumio-cpu-ab-'));
  const files: Record<string, string> = {
    status: join(dir, 'status.json'),
    callback: join(dir, 'callback.json'),
  };
  const users = Array.from({ length: USERS }, (_, i) => i + 1);
  writeFileSync(
    files.status,
    JSON.stringify(
      users.map((i) => ({
        method: 'GET',
        url: '/api/private/jumio/poi/!getScanTransactionStatus',
        headers: { 'x-user-id': `bench-${i}` },
      })),
    ),
  );
  writeFileSync(
    files.callback,
    JSON.stringify(
      users.map((i) => ({
        method: 'POST',
        url: `/api/jumio/callback/${benchToken(i)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: callbackForm(i),
      })),
    ),
  );
  try {
    for (const load of LOADS) {
      for (const adapter of ADAPTERS) {
        // light-my-request's request stream reads as already ended to the module's Express callback reader.
        if (load === 'callback' && adapter === 'express') continue;
        const results: Record<string, number[]> = { this: [], other: [] };
        for (let round = 1; round <= ROUNDS; round++) {
          const order = round % 2 === 1 ? sides : [...sides].reverse();
          for (const side of order) {
            if (load === 'callback') await database.clearInbox();
            const child = spawnSync(
              process.execPath,
              ['-r', side.compiled.preload, join(__dirname, 'support', 'inject-child.js')],
              {
                encoding: 'utf8',
                env: {
                  ...process.env,
                  NODE_ENV: 'production',
                  NODE_PATH: side.compiled.nodePath,
                  DEMO_APP: join(side.compiled.entry('module'), '..', '..', '..', 'src', 'demo-app.js'),
                  DATABASE_URL: database.url,
                  HTTP_ADAPTER: adapter,
                  REQUESTS_FILE: files[load],
                  WARMUP,
                  MEASURED,
                  CONCURRENCY,
                  ...(load === 'callback' ? { JUMIO_INSTANCE_ROLE: 'api' } : {}),
                },
              },
            );
            const line = /RESULT (.*)/.exec(child.stdout)?.[1];
            if (!line) throw new Error(`${side.name} ${adapter} ${load} failed:\n${child.stderr}`);
            const result = JSON.parse(line) as {
              cpuUsPerRequest: number;
              failed: number;
              asyncPerRequest: Record<string, number>;
            };
            results[side.name].push(result.cpuUsPerRequest);
            console.log(
              `${load} ${adapter} round ${round} ${side.name}: ` +
                (process.env.COUNT_ASYNC === '1'
                  ? `async resources per request ${JSON.stringify(result.asyncPerRequest)}`
                  : `${result.cpuUsPerRequest.toFixed(1)} µs CPU/request`) +
                (result.failed ? ` (${result.failed} not 200)` : ''),
            );
          }
        }
        const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
        const ratios = results.this.map((value, i) => value / results.other[i]);
        console.log(
          `SUMMARY ${load} ${adapter}: this ${median(results.this).toFixed(1)} µs, other ${median(results.other).toFixed(1)} µs, ` +
            `per-round this/other ${ratios.map((r) => r.toFixed(3)).join(', ')} (median ${median(ratios).toFixed(3)})`,
        );
      }
    }
  } finally {
    for (const side of sides) side.compiled.remove();
    await database.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
