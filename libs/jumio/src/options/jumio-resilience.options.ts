/** How calls to Jumio are bounded, retried and cut off while Jumio is failing. */
export interface JumioResilienceOptions {
  /** HTTP attempts of a retry-safe call (GET retrieval, DELETE), the first included. Default 3; 1 disables retries. */
  httpAttempts?: number;
  /**
   * @deprecated The old name of `httpAttempts` (root `maxAttempts` counts verification attempts): still
   * accepted, with a start-up warning.
   */
  maxAttempts?: number;
  /** First retry delay in ms; later delays grow exponentially with decorrelated jitter. Default 200. */
  retryInitialDelayMs?: number;
  /** Longest delay between two attempts in ms (jitter included). Default 2000. */
  retryMaxDelayMs?: number;
  /** Longest 429 `Retry-After` honoured, in ms; asked to wait longer, the call fails at once. Default 5000. */
  maxRetryAfterMs?: number;
  /** Deadline of one call in ms, retries and waits included: no caller waits longer. Default 15000. */
  deadlineMs?: number;
  /** Consecutive failures (network, timeout, 5xx) of one Jumio host that open its circuit. Default 5. */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before it lets one trial call through, in ms. Default 10000. */
  breakerHalfOpenAfterMs?: number;
}

export const JUMIO_RESILIENCE_DEFAULTS = {
  httpAttempts: 3,
  retryInitialDelayMs: 200,
  retryMaxDelayMs: 2000,
  maxRetryAfterMs: 5000,
  deadlineMs: 15_000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 10_000,
} satisfies Required<Omit<JumioResilienceOptions, 'maxAttempts'>>;
