import type { FaultGroup } from './scenario';

/** Jumio-side pacing of an endpoint group: how long it takes to answer, and its rate limit. */
export interface RateLimitSpec {
  group: FaultGroup;
  /** Calls allowed in any window of `perSeconds`; beyond them Jumio answers 429. */
  requests: number;
  perSeconds: number;
}

interface LiveRateLimit extends RateLimitSpec {
  /** Times of the calls let through in the current window, oldest first. */
  recent: number[];
}

/**
 * Realistic timing for benchmarks and soaks: a response delay per endpoint group (Jumio's retrieval
 * is not instant) and Jumio's rate limits (sliding window, 429 `{title, status, detail}` without
 * Retry-After, as the rate-limit page's example). Off by default; `reset()` turns both off.
 */
export class ApiPacing {
  private readonly delays = new Map<FaultGroup, number>();
  private readonly limits = new Map<FaultGroup, LiveRateLimit>();

  setResponseDelay(group: FaultGroup, ms: number): void {
    if (ms === 0) this.delays.delete(group);
    else this.delays.set(group, ms);
  }

  setRateLimit(limit: RateLimitSpec): void {
    this.limits.set(limit.group, { ...limit, recent: [] });
  }

  clearRateLimits(): void {
    this.limits.clear();
  }

  delayFor(group: string): number {
    return this.delays.get(group as FaultGroup) ?? this.delays.get('all') ?? 0;
  }

  /** Counts this call against its group's limit; false when the limit is reached (answer 429). */
  admit(group: string, now = Date.now()): boolean {
    const limit = this.limits.get(group as FaultGroup) ?? this.limits.get('all');
    if (!limit) return true;
    const windowStart = now - limit.perSeconds * 1000;
    while (limit.recent.length > 0 && limit.recent[0] <= windowStart) limit.recent.shift();
    if (limit.recent.length >= limit.requests) return false;
    limit.recent.push(now);
    return true;
  }

  reset(): void {
    this.delays.clear();
    this.limits.clear();
  }
}
