import http from 'node:http';
import https from 'node:https';

/** One HTTP exchange with Jumio, as the legacy client sends it. */
export interface JumioHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the exchange (the call's deadline, the attempt's own time limit). */
  signal: AbortSignal;
  /** Longest silence on the socket. */
  idleTimeoutMs: number;
  /** A longer answer is refused while it is read. */
  maxResponseBytes: number;
}

export interface JumioHttpAnswer {
  status: number;
  text: string;
  retryAfter: string | undefined;
}

/** Why an exchange gave no answer: no answer in time, an answer that could not be read, or no connection. */
export class JumioTransportFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'unreadable' | 'unreachable',
    /** A symbolic system code (ECONNREFUSED, ...) when there is one. */
    readonly code?: string,
  ) {
    super(`Jumio exchange failed: ${kind}${code ? ` (${code})` : ''}`);
  }
}

/**
 * Sends one request with Node's own HTTP client (keep-alive agents) and reads the whole answer as text.
 * Redirects are never followed (a 3xx is an answer like any other) and nothing is retried here: the
 * client's policies decide. A plain exchange instead of axios: a retrieval makes two of them per
 * decision, and axios's per-request configuration merging and adapters were ~10 % of a worker's CPU.
 */
export function sendJumioRequest(request: JumioHttpRequest): Promise<JumioHttpAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(asTransportFailure(error, request.signal));
    };
    let target: URL;
    try {
      target = new URL(request.url);
    } catch {
      return fail(new JumioTransportFailure('unreachable'));
    }
    const transport = target.protocol === 'https:' ? https : http;
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      return fail(new JumioTransportFailure('unreachable'));
    const headers =
      request.body === undefined
        ? request.headers
        : { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
    const outgoing = transport.request(
      target,
      { method: request.method, headers, signal: request.signal },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxResponseBytes)
            return void outgoing.destroy(new JumioTransportFailure('unreadable'));
          chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('end', () => {
          if (settled) return;
          settled = true;
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        });
        response.on('close', () => {
          if (!response.complete) fail(new JumioTransportFailure('unreadable'));
        });
      },
    );
    outgoing.setTimeout(request.idleTimeoutMs, () =>
      outgoing.destroy(new JumioTransportFailure('timeout')),
    );
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

function asTransportFailure(error: unknown, signal: AbortSignal): JumioTransportFailure {
  if (signal.aborted) return new JumioTransportFailure('timeout');
  if (error instanceof JumioTransportFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return new JumioTransportFailure(
    'unreachable',
    typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined,
  );
}
