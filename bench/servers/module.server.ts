/**
 * The module as a bank would run it: the demo host app (JumioModule + JumioOpsModule) on PostgreSQL, on the
 * adapter named by HTTP_ADAPTER, with the in-process Jumio sandbox (or the shared one at JUMIO_SANDBOX_URL).
 * Callbacks from 127.0.0.1 are allowed. Every other JUMIO_* variable of the bench passes through.
 */
import { startDemoApp } from '../../src/demo-app';
import { startCpuProfile } from './cpu-profile';
import { startMemoryProbe } from './memory-probe';

const writeCpuProfile = startCpuProfile();

// BENCH_MEMORY_PROBE=1: memory statistics and heap snapshots on a port of their own (bench only).
(process.env.BENCH_MEMORY_PROBE === '1' ? startMemoryProbe() : Promise.resolve())
  .then(() =>
    startDemoApp({
      PORT: process.env.PORT ?? '0',
      DATABASE_URL: process.env.DATABASE_URL,
      HTTP_ADAPTER: process.env.HTTP_ADAPTER,
      JUMIO_SANDBOX: 'true',
      JUMIO_SANDBOX_PORT: '0',
      JUMIO_CALLBACK_ALLOWED_IPS: '127.0.0.1/32',
      ACCESS_LOG: process.env.ACCESS_LOG ?? 'false',
      // Throughput is measured, not Jumio's limits: the client's pacing and the callback rate limit are raised
      // (the results run "at Jumio's default rate limits" sets JUMIO_PACING_RETRIEVALS back to Jumio's 75).
      JUMIO_PACING_STARTS: '10000',
      JUMIO_PACING_RETRIEVALS: '100000',
      JUMIO_CALLBACK_RATE_LIMIT: '100000',
      // JUMIO_SANDBOX_URL, JUMIO_INSTANCE_ROLE, JUMIO_CALLBACK_INBOX_CONCURRENCY, and what BENCH_SERVER_ENV adds.
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([name]) => name.startsWith('JUMIO_') && name !== 'JUMIO_SANDBOX',
        ),
      ),
    }),
  )
  .then(
    ({ app, url }) => {
      console.log(`LISTENING ${url}`);
      process.on('SIGTERM', () => {
        writeCpuProfile();
        void app.close().then(() => process.exit(0));
      });
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
