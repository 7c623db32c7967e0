'use strict';
/*
 * Child of bench/cpu-ab.ts: starts a compiled demo app (DEMO_APP) on PostgreSQL and drives it in process
 * with light-my-request (no sockets: Node's HTTP parser and socket writes, the same for both sides of an
 * A/B, are left out), CONCURRENCY requests in flight, and prints the process's CPU time per request.
 */
const { createHook } = require('node:async_hooks');
const { readFileSync } = require('node:fs');
const { inject } = require('light-my-request');
const { startDemoApp } = require(process.env.DEMO_APP);

const requests = JSON.parse(readFileSync(process.env.REQUESTS_FILE, 'utf8'));
const warmup = Number(process.env.WARMUP);
const measured = Number(process.env.MEASURED);
const concurrency = Number(process.env.CONCURRENCY);

async function drive(dispatch, count) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const spec = requests[next++ % requests.length];
      const response = await inject(dispatch, spec);
      if (response.statusCode !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

startDemoApp({
  PORT: '0',
  DATABASE_URL: process.env.DATABASE_URL,
  HTTP_ADAPTER: process.env.HTTP_ADAPTER,
  JUMIO_SANDBOX: 'true',
  JUMIO_SANDBOX_PORT: '0',
  JUMIO_CALLBACK_ALLOWED_IPS: '127.0.0.1/32',
  ACCESS_LOG: 'false',
  JUMIO_PACING_STARTS: '10000',
  JUMIO_PACING_RETRIEVALS: '100000',
  JUMIO_CALLBACK_RATE_LIMIT: '100000',
  ...(process.env.JUMIO_INSTANCE_ROLE ? { JUMIO_INSTANCE_ROLE: process.env.JUMIO_INSTANCE_ROLE } : {}),
}).then(async ({ app, close }) => {
  const dispatch = app.getHttpServer().listeners('request')[0];
  await drive(dispatch, warmup);
  // COUNT_ASYNC=1: async resources (promises above all) made per request instead of CPU time: exact,
  // whatever else runs on the machine (the hook itself slows everything, so no time is measured then).
  const counts = {};
  const hook = createHook({ init: (_id, type) => (counts[type] = (counts[type] ?? 0) + 1) });
  if (process.env.COUNT_ASYNC === '1') hook.enable();
  const before = process.cpuUsage();
  const started = process.hrtime.bigint();
  const failed = await drive(dispatch, measured);
  const cpu = process.cpuUsage(before);
  hook.disable();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const perRequest = Object.fromEntries(
    Object.entries(counts).map(([type, count]) => [type, Math.round((count / measured) * 100) / 100]),
  );
  console.log(
    `RESULT ${JSON.stringify({ cpuUsPerRequest: (cpu.user + cpu.system) / measured, wallMs, failed, asyncPerRequest: perRequest })}`,
  );
  await close();
  process.exit(0);
}, (error) => {
  console.error(error);
  process.exit(1);
});
