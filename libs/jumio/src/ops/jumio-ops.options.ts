/** Options of `JumioOpsModule.forRoot()`. */
export interface JumioOpsOptions {
  /** Serve Prometheus metrics at `GET /metrics` (the module's metrics and Node process metrics). Default true. */
  metrics?: boolean;
  /** Serve `GET /health/live` and `GET /health/ready` (database ping, Jumio circuits). Default true. */
  health?: boolean;
  /** Per-user limit on the routes that cost money; `false` disables it. Default 10 per 60 s. */
  billableRateLimit?: { limit: number; ttlMs: number } | false;
  /** Log one structured line per request: method, route, status, duration, request id. Default true. */
  accessLog?: boolean;
  /**
   * Make each request's id the current one for everything the request causes (AsyncLocalStorage), so that
   * `RequestIdConsoleLogger` adds it to every JSON log line of that request. Without it the id is still
   * echoed in `X-Request-Id` and written in the access log. On Node 20 AsyncLocalStorage runs on
   * async_hooks, which taxes every promise of the process once enabled (about a fifth of the status
   * read's throughput in bench/): turn it off when logs are not JSON. Default true.
   */
  requestIdInLogs?: boolean;
}

export const JUMIO_OPS_OPTIONS = Symbol('JUMIO_OPS_OPTIONS');

export const JUMIO_OPS_DEFAULTS = {
  metrics: true,
  health: true,
  billableRateLimit: { limit: 10, ttlMs: 60_000 },
  accessLog: true,
  requestIdInLogs: true,
} satisfies Required<JumioOpsOptions>;
