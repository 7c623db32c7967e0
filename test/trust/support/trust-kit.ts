import type { CallbackRecord, JumioSandbox } from '@app/jumio-sandbox';
import { request as httpRequest } from 'node:http';
import request, { type Response } from 'supertest';
import type { JumioTestKit } from '../../support/jumio-test-kit';

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The path (with its token) of the callback URL this service gave Jumio for a scan. */
export function callbackPathOf(sandbox: JumioSandbox, scanReference: string): string {
  const url = sandbox.control.transaction(scanReference)?.callbackUrl;
  if (!url) throw new Error(`the sandbox holds no callback URL for ${scanReference}`);
  return new URL(url).pathname;
}

/** The last callback the sandbox recorded for a scan (sent or dropped). */
export async function lastCallback(
  sandbox: JumioSandbox,
  scanReference: string,
): Promise<CallbackRecord> {
  const records = await sandbox.control.waitForCallbacks(1, { reference: scanReference });
  return records[records.length - 1];
}

/** Posts a form the way Jumio does, with optional extra headers. */
export function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  let call = request(baseUrl).post(path).type('form');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.send(new URLSearchParams(fields).toString());
}

/**
 * Sends only the headers of a POST that announces a body, then waits for the answer without ever sending
 * that body: a server that tried to read it first would never answer.
 */
export function postHeadersOnly(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      },
    );
    outgoing.on('error', (error) => (outgoing.destroyed ? undefined : reject(error)));
    outgoing.setTimeout(3_000, () =>
      reject(new Error('no answer without the body: the server waited for it')),
    );
    outgoing.flushHeaders();
  });
}

/** Rows of one table for one transaction. */
export function rowsOf<T = Record<string, unknown>>(
  kit: JumioTestKit,
  table: string,
  transactionId: string,
): Promise<T[]> {
  return kit.rows<T>(table, `"scan_transaction_id" = '${transactionId}'`);
}

/** A Netverify callback form as Jumio sends it (jumio-api.md §5.4), for forgeries. */
export function netverifyCallbackForm(
  scanReference: string,
  verificationStatus: string,
  callbackDate: Date,
): Record<string, string> {
  const approved = verificationStatus === 'APPROVED_VERIFIED';
  return {
    callBackType: 'NETVERIFYID',
    jumioIdScanReference: scanReference,
    verificationStatus,
    idScanStatus: approved ? 'SUCCESS' : 'ERROR',
    idScanSource: 'WEB_UPLOAD',
    idCheckDataPositions: approved ? 'OK' : 'N/A',
    idCheckDocumentValidation: approved ? 'OK' : 'N/A',
    idCheckHologram: approved ? 'OK' : 'N/A',
    idCheckMRZcode: approved ? 'OK' : 'N/A',
    idCheckMicroprint: approved ? 'OK' : 'N/A',
    idCheckSecurityFeatures: approved ? 'OK' : 'N/A',
    idCheckSignature: approved ? 'OK' : 'N/A',
    transactionDate: new Date(callbackDate.getTime() - 60_000).toISOString(),
    callbackDate: callbackDate.toISOString(),
    idFirstName: 'MALLORY',
    idLastName: 'FORGER',
  };
}

/** Posts a form body in chunks, without Content-Length (so its size is only known while reading). */
export function postChunked(baseUrl: string, path: string, chunks: string[]): Promise<number> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Transfer-Encoding': 'chunked',
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    // The server may answer and close before every chunk is written.
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}
