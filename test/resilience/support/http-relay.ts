import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpRelay {
  url: string;
  /** Requests relayed so far, per `METHOD /path` (query left out), e.g. `POST /api/v4/initiate`. */
  count(methodAndPath: string): number;
  /** Requests relayed to each target, in the order the targets were given. */
  perTarget(): number[];
  close(): Promise<void>;
}

/**
 * A plain HTTP relay on 127.0.0.1: forwards every request to the targets in turn (round robin) and counts
 * them. With one target it counts what reaches the Jumio sandbox; with two it is the load balancer in
 * front of two instances. Forwarded as is, so the targets see the relay as the client (127.0.0.1).
 * `targets` is read on every request: targets may be added after the relay started.
 */
export async function startHttpRelay(targets: string[]): Promise<HttpRelay> {
  const counts = new Map<string, number>();
  const perTarget: number[] = [];
  let next = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const key = `${incoming.method} ${(incoming.url ?? '/').split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const index = next++ % targets.length;
    perTarget[index] = (perTarget[index] ?? 0) + 1;
    const target = new URL(targets[index]);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: (methodAndPath) => counts.get(methodAndPath) ?? 0,
    perTarget: () => targets.map((_, index) => perTarget[index] ?? 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
