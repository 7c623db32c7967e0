#!/usr/bin/env node
import { startJumioSandbox } from './jumio-sandbox';

/**
 * `npm run sandbox` (or `npx jumio-sandbox` from the package): the Jumio sandbox on its own. Environment:
 * JUMIO_SANDBOX_PORT (4010; the demo's variable; SANDBOX_PORT is still read when it is unset), SANDBOX_HOST
 * (127.0.0.1), SANDBOX_PUBLIC_URL, JUMIO_API_TOKEN / JUMIO_API_SECRET (sandbox-token / sandbox-secret),
 * JUMIO_RETRIEVAL_API_TOKEN / JUMIO_RETRIEVAL_API_SECRET (a separate retrieval / delete pair; default none),
 * SANDBOX_CALLBACK_DELAY_MS (1000), SANDBOX_ABANDON_AFTER_MS (token lifetime), and for KYX
 * JUMIO_KYX_CLIENT_ID / JUMIO_KYX_CLIENT_SECRET (sandbox-kyx-client / sandbox-kyx-secret).
 */
async function main(): Promise<void> {
  const env = process.env;
  const sandbox = await startJumioSandbox({
    port: integerFromEnv('JUMIO_SANDBOX_PORT') ?? integerFromEnv('SANDBOX_PORT') ?? 4010,
    host: env.SANDBOX_HOST || undefined,
    publicUrl: env.SANDBOX_PUBLIC_URL || undefined,
    apiToken: env.JUMIO_API_TOKEN || undefined,
    apiSecret: env.JUMIO_API_SECRET || undefined,
    retrievalApiToken: env.JUMIO_RETRIEVAL_API_TOKEN || undefined,
    retrievalApiSecret: env.JUMIO_RETRIEVAL_API_SECRET || undefined,
    kyxClientId: env.JUMIO_KYX_CLIENT_ID || undefined,
    kyxClientSecret: env.JUMIO_KYX_CLIENT_SECRET || undefined,
    callbackDelayMs: integerFromEnv('SANDBOX_CALLBACK_DELAY_MS'),
    abandonAfterMs: integerFromEnv('SANDBOX_ABANDON_AFTER_MS'),
  });
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(
    `Jumio SANDBOX failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
