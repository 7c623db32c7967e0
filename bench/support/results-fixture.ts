import { startJumioSandbox, type JumioSandbox } from '../../libs/jumio-sandbox/src';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { BenchDatabase } from './database';
import { send } from './paced-load';

/** Transaction `i` of the results pool: user, callback token and our reference sent to Jumio. */
export const resultsUser = (i: number) => `e2e-${i}`;
export const resultsToken = (i: number) =>
  createHash('sha256').update(`e2e-token-${i}`).digest('base64url');
export const customerReference = (i: number) => `e2e-cir-${i}`;

const SANDBOX_AUTH = `Basic ${Buffer.from('sandbox-token:sandbox-secret').toString('base64')}`;

export interface ResultsPool {
  sandbox: JumioSandbox;
  /** Jumio reference of pool transaction i (0-based). */
  references: string[];
}

/** A Jumio sandbox in this process with the demo's credentials; its own callbacks dropped. */
export async function startBenchSandbox(): Promise<JumioSandbox> {
  // The demo's sandbox credentials (src/config/jumio-module-options.ts; not importable here: it uses
  // the `@app` aliases), its separate Retrieval API pair included, as its in-process sandbox has them.
  const sandbox = await startJumioSandbox({
    port: 0,
    callbackDelayMs: 0,
    logger: () => undefined,
    apiToken: 'sandbox-token',
    apiSecret: 'sandbox-secret',
    retrievalApiToken: 'sandbox-retrieval-token',
    retrievalApiSecret: 'sandbox-retrieval-secret',
  });
  sandbox.control.dropCallbacks('all');
  return sandbox;
}

/**
 * A Jumio sandbox in this process (Jumio is a remote service: it does not run on the server's CPU) and
 * `size` Netverify web scans finished in it (initiated over its API, journey submitted on its capture
 * page, APPROVED_VERIFIED). Its own callbacks are dropped: the bench posts the callbacks, at its pace.
 */
export async function startResultsPool(size: number): Promise<ResultsPool> {
  const sandbox = await startBenchSandbox();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const references: string[] = new Array<string>(size);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < size; i = next++) {
      const initiated = await send(
        {
          method: 'POST',
          url: `${sandbox.url}/api/v4/initiate`,
          headers: {
            authorization: SANDBOX_AUTH,
            'user-agent': 'Bench JumioService/0.1.0',
            accept: 'application/json',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            customerInternalReference: customerReference(i),
            userReference: `e2e-ur-${i}`,
            successUrl: 'https://bank.example/onboarding/jumio/success',
            errorUrl: 'https://bank.example/onboarding/jumio/error',
          }),
        },
        agent,
      );
      if (initiated.status !== 200) throw new Error(`sandbox initiate: ${initiated.status}`);
      const { transactionReference, redirectUrl } = JSON.parse(initiated.body) as {
        transactionReference: string;
        redirectUrl: string;
      };
      const token = new URL(redirectUrl).searchParams.get('authorizationToken') ?? '';
      const submitted = await send(
        {
          method: 'POST',
          url: `${sandbox.url}/sandbox/capture/netverify?authorizationToken=${encodeURIComponent(token)}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'outcome=APPROVED_VERIFIED',
        },
        agent,
      );
      if (submitted.status >= 400) throw new Error(`sandbox capture: ${submitted.status}`);
      references[i] = transactionReference;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return { sandbox, references };
}

/**
 * Puts the pool's transactions in the database as open web POI transactions waiting for their result
 * (removing them and every inbox, outbox and audit row first), so each results run starts alike.
 */
export async function resetResultsRows(database: BenchDatabase, pool: ResultsPool): Promise<void> {
  const { client } = database;
  await client.query(
    'TRUNCATE jumio_callback_inbox, jumio_outbox_event, jumio_audit_event, jumio_verification_result',
  );
  await client.query(`DELETE FROM jumio_scan_transaction WHERE user_id LIKE 'e2e-%'`);
  const ids = pool.references.map((_, i) => i);
  await client.query(
    `INSERT INTO jumio_scan_transaction (
       id, user_id, type, channel, status, jumio_reference, customer_internal_reference, user_reference,
       callback_token_hash, attempt, open_key, created_at, updated_at, version)
     SELECT gen_random_uuid()::text, u, 'POI', 'WEB', 'PENDING', r, c, ur, h, 1, u || ':POI', now(), now(), 1
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(u, r, c, ur, h)`,
    [
      ids.map(resultsUser),
      pool.references,
      ids.map(customerReference),
      ids.map((i) => `e2e-ur-${i}`),
      ids.map((i) => createHash('sha256').update(resultsToken(i)).digest('hex')),
    ],
  );
  await client.query('ANALYZE jumio_scan_transaction');
}
