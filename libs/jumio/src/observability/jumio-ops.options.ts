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
}

export const JUMIO_OPS_OPTIONS = Symbol('JUMIO_OPS_OPTIONS');

export const JUMIO_OPS_DEFAULTS = {
  metrics: true,
  health: true,
  billableRateLimit: { limit: 10, ttlMs: 60_000 },
  accessLog: true,
} satisfies Required<JumioOpsOptions>;
