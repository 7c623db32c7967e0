import autocannon from 'autocannon';
import type { ServerProcess } from './server-process';

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  method: 'GET' | 'POST';
  /** Called for every request: spreads the load over users and transactions. */
  request: () => LoadRequest;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Requests per second over all connections; 0 or undefined: as fast as possible. */
  rate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Highest resident memory of the server process sampled during the measured run. */
  maxRssMb: number;
  /**
   * The server's own CPU time per answered request during the measured run, in µs. Unlike req/s it
   * hardly moves when other processes take CPU from the server: it is what the server spends, not
   * what it was given.
   */
  cpuUsPerRequest: number;
  non2xx: number;
  errors: number;
}

/** Warm-up, then a measured autocannon run against `server`, sampling its memory every 200 ms. */
export async function measure(server: ServerProcess, spec: LoadSpec): Promise<LoadResult> {
  await fire(server.url, { ...spec, durationSeconds: spec.warmupSeconds });
  let maxRssMb = server.rssMb();
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, server.rssMb())), 200);
  try {
    const cpuBefore = server.cpuMs();
    const result = await fire(server.url, spec);
    const cpuMs = server.cpuMs() - cpuBefore;
    return {
      cpuUsPerRequest: result.requests.total > 0 ? (cpuMs * 1000) / result.requests.total : 0,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxRssMb: Math.max(maxRssMb, server.rssMb()),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  } finally {
    clearInterval(sampler);
  }
}

function fire(url: string, spec: LoadSpec): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    timeout: 10,
    requests: [
      {
        method: spec.method,
        setupRequest: (request) => {
          const { path, headers, body } = spec.request();
          return {
            ...request,
            path,
            headers: { ...request.headers, ...headers },
            ...(body !== undefined && { body }),
          };
        },
      },
    ],
  });
}
