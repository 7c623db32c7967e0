/**
 * The demo host app (JumioModule + JumioOpsModule) paced at Jumio's documented limits for new legacy
 * accounts (5 starts / 5 s), against the in-process sandbox on JUMIO_SANDBOX_PORT enforcing the same
 * limits, so that any call the module let through over the limit would come back 429.
 */
import { startDemoApp } from '../../src/demo-app';

startDemoApp({
  PORT: '0',
  DATABASE_URL: process.env.DATABASE_URL,
  HTTP_ADAPTER: process.env.HTTP_ADAPTER,
  JUMIO_SANDBOX: 'true',
  JUMIO_SANDBOX_PORT: process.env.JUMIO_SANDBOX_PORT ?? '0',
  JUMIO_PACING_STARTS: '5',
  JUMIO_PACING_MAX_WAIT_MS: '5000',
  ACCESS_LOG: 'false',
}).then(
  ({ app, url, sandbox }) => {
    sandbox!.control.enforceRateLimits();
    console.log(`LISTENING ${url}`);
    process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
