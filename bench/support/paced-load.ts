import http from 'node:http';

export interface PacedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PacedAnswer {
  status: number;
  body: string;
  /** ms since the load started, when the answer arrived. */
  at: number;
}

/**
 * Sends requests at a steady rate (not as fast as possible, as autocannon does): every 10 ms it sends
 * what the rate owes so far. `next(n)` builds the n-th request (0-based); `onAnswer` sees every answer.
 * Resolves when the last answer arrived (or failed: status 0).
 */
export async function pacedLoad(options: {
  ratePerSecond: number;
  durationSeconds: number;
  next: (n: number) => PacedRequest;
  onAnswer?: (n: number, answer: PacedAnswer) => void;
  agent?: http.Agent;
}): Promise<{ sent: number; ok: number; failed: number }> {
  const agent = options.agent ?? new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(options.ratePerSecond * options.durationSeconds);
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let ok = 0;
  let failed = 0;
  while (sent < total) {
    const owed = Math.min(
      total,
      Math.floor(((performance.now() - started) / 1000) * options.ratePerSecond) + 1,
    );
    for (; sent < owed; sent++) {
      const n = sent;
      const call = send(options.next(n), agent).then((answer) => {
        const at = performance.now() - started;
        if (answer.status >= 200 && answer.status < 300) ok++;
        else failed++;
        options.onAnswer?.(n, { ...answer, at });
      });
      pending.add(call);
      void call.finally(() => pending.delete(call));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(pending);
  return { sent, ok, failed };
}

export function send(
  request: PacedRequest,
  agent: http.Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const call = http.request(
      request.url,
      {
        method: request.method,
        agent,
        headers: {
          ...request.headers,
          ...(request.body !== undefined && {
            'content-length': String(Buffer.byteLength(request.body)),
          }),
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', () => resolve({ status: 0, body: '' }));
    call.end(request.body);
  });
}
