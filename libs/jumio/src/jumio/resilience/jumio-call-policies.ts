import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import type { ResilienceSettings } from '../../options/jumio-settings';
import { JUMIO_RESILIENCE_DEFAULTS } from '../../options/jumio-resilience.options';
import { RetryAfterBackoff, retryAfterMs } from './retry-after.backoff';

/** What the policies need to know about one call to Jumio. */
export interface JumioCallShape {
  /** Base URL of the Jumio host. */
  baseUrl: string;
  /**
   * Which endpoints of the host the call belongs to (`initiate`, `retrieval`, ...): each host and group has
   * its own circuit, so a hanging initiate opens its circuit even while status reads on the same host
   * succeed (and reset nothing of it). Default: one circuit for the host.
   */
  endpointGroup?: string;
  /**
   * True only for calls that change nothing at Jumio when repeated (GET retrieval, DELETE). Initiate and
   * acquisitions are never retried: a repeated POST could create a second, billed Jumio transaction.
   */
  retrySafe: boolean;
  /** e.g. `Jumio GET https://netverify.com/api/netverify/v2/scans/:scanReference`, for error messages. */
  description: string;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

/** One circuit: a Jumio host (origin) and one group of its endpoints. */
export interface CircuitReport {
  host: string;
  endpoint: string;
  state: CircuitStateName;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** Jumio is down or unreachable from here: what opens a circuit and what a retry may cure. */
function isHostFailure(error: Error): boolean {
  return error instanceof JumioError && error.code === JumioErrorCode.JUMIO_UNAVAILABLE;
}

/**
 * Timeouts, retries and circuit breakers around calls to Jumio, built with cockatiel:
 * - every call has an overall deadline (aggressive: the caller is released when it passes, and the
 *   in-flight request is aborted through the signal);
 * - retry-safe calls are retried on network errors, timeouts, 5xx and 429 with exponential backoff and
 *   decorrelated jitter, waiting at least what `Retry-After` asks (capped; a longer ask fails at once);
 * - one circuit breaker per Jumio host and endpoint group fails calls fast with JUMIO_UNAVAILABLE while
 *   those endpoints are down.
 */
export class JumioCallPolicies {
  private readonly settings: ResilienceSettings;
  private readonly retryPolicy: RetryPolicy;
  private readonly breakers = new Map<
    string,
    { host: string; endpoint: string; breaker: CircuitBreakerPolicy }
  >();

  /** `settings`: resolved (`JumioSettings.resilience`); what is left out takes its default. */
  constructor(settings: Partial<ResilienceSettings> = {}) {
    this.settings = { ...JUMIO_RESILIENCE_DEFAULTS, ...definedOnly(settings) };
    const { httpAttempts, retryInitialDelayMs, retryMaxDelayMs, maxRetryAfterMs } = this.settings;
    this.retryPolicy = retry(
      handleWhen((error) => this.isRetryable(error)),
      {
        maxAttempts: Math.max(0, httpAttempts - 1),
        backoff: new RetryAfterBackoff(
          new ExponentialBackoff({ initialDelay: retryInitialDelayMs, maxDelay: retryMaxDelayMs }),
          maxRetryAfterMs,
        ),
      },
    );
  }

  /** Runs `attempt` under the policies; `signal` aborts when the deadline passes. Throws only JumioError. */
  async execute<T>(call: JumioCallShape, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const breaker = this.breakerFor(originOf(call.baseUrl), call.endpointGroup ?? 'all');
    // abortOnReturn off: an answered call has nothing left in flight to cancel, and aborting every
    // finished call's signal cost a DOMException and its listeners per call (~2 % of a worker's CPU).
    // The deadline still aborts the attempt and its retries' waits when it passes.
    const deadline = timeout(this.settings.deadlineMs, {
      strategy: TimeoutStrategy.Aggressive,
      abortOnReturn: false,
    });
    const policy = call.retrySafe
      ? wrap(deadline, this.retryPolicy, breaker)
      : wrap(deadline, breaker);
    try {
      return await policy.execute(({ signal }) => {
        // A retry whose backoff outlived the deadline must not send anything.
        if (signal.aborted) throw this.deadlineError(call);
        return attempt(signal);
      });
    } catch (error) {
      throw this.translate(call, error);
    }
  }

  /** The state of each circuit (host and endpoint group) that has seen a call, for readiness and metrics. */
  circuits(): CircuitReport[] {
    return [...this.breakers.values()].map(({ host, endpoint, breaker }) => ({
      host,
      endpoint,
      state: STATE_NAMES[breaker.state],
    }));
  }

  private isRetryable(error: Error): boolean {
    if (isHostFailure(error)) return true;
    if (!(error instanceof JumioError) || error.code !== JumioErrorCode.JUMIO_RATE_LIMITED)
      return false;
    const askedMs = retryAfterMs(error);
    return askedMs === undefined || askedMs <= this.settings.maxRetryAfterMs;
  }

  private breakerFor(host: string, endpoint: string): CircuitBreakerPolicy {
    const key = `${host} ${endpoint}`;
    let entry = this.breakers.get(key);
    if (!entry) {
      const breaker = circuitBreaker(handleWhen(isHostFailure), {
        halfOpenAfter: this.settings.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.breakerThreshold),
      });
      entry = { host, endpoint, breaker };
      this.breakers.set(key, entry);
    }
    return entry.breaker;
  }

  private translate(call: JumioCallShape, error: unknown): unknown {
    if (error instanceof BrokenCircuitError) {
      const seconds = Math.ceil(this.settings.breakerHalfOpenAfterMs / 1000);
      return new JumioError(
        JumioErrorCode.JUMIO_UNAVAILABLE,
        `${call.description} was not sent: Jumio kept failing, so calls to this host fail fast for up to ${seconds} s`,
      );
    }
    if (error instanceof TaskCancelledError) return this.deadlineError(call);
    return error;
  }

  private deadlineError(call: JumioCallShape): JumioError {
    return new JumioError(
      JumioErrorCode.JUMIO_UNAVAILABLE,
      `${call.description} got no usable answer within its deadline of ${this.settings.deadlineMs} ms`,
    );
  }
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
