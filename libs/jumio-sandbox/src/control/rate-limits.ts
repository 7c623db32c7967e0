import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/http-io';
import type { RouteGroup } from '../http/router';

/**
 * Jumio's documented limits for Netverify customers created after March 2024: 5 initiate and 75 retrieval
 * requests per 5 seconds (jumio-api.md §12; corrections #7). Older accounts: 15 and 225.
 */
export interface SandboxRateLimits {
  /** Initiate and acquisition requests (KYX: account requests) per window. Default 5. */
  startsPerWindow?: number;
  /** Retrieval requests per window. Default 75. */
  retrievalsPerWindow?: number;
  /** Default 5000. */
  windowMs?: number;
}

export const DOCUMENTED_RATE_LIMITS: Required<SandboxRateLimits> = {
  startsPerWindow: 5,
  retrievalsPerWindow: 75,
  windowMs: 5000,
};

type LimitedGroup = 'starts' | 'retrievals';

/**
 * Counts requests per group over a sliding window, as Jumio enforces its limits, and answers 429 in
 * Jumio's shape (`{title, status, detail}`, no Retry-After: Jumio's example carries none) beyond them.
 * Off until the scenario control turns it on. Counts how often it refused, for tests.
 */
export class SandboxRateLimiter {
  private limits: Required<SandboxRateLimits> | undefined;
  private readonly seen: Record<LimitedGroup, number[]> = { starts: [], retrievals: [] };
  private refused = 0;

  enable(limits: SandboxRateLimits = {}): void {
    this.limits = { ...DOCUMENTED_RATE_LIMITS, ...definedOnly(limits) };
    this.seen.starts = [];
    this.seen.retrievals = [];
  }

  disable(): void {
    this.limits = undefined;
  }

  /** Requests answered 429 since the sandbox started. */
  get refusedCount(): number {
    return this.refused;
  }

  /** Answers 429 when this request is over the limit; true when it did. */
  refuse(group: RouteGroup, res: ServerResponse, now = Date.now()): boolean {
    const limited: LimitedGroup | undefined =
      // KYX account requests (POST / PUT) each start a billed workflow execution.
      group === 'initiate' || group === 'acquisitions' || group === 'accounts'
        ? 'starts'
        : group === 'retrieval'
          ? 'retrievals'
          : undefined;
    if (!this.limits || !limited) return false;
    const { windowMs } = this.limits;
    const limit =
      limited === 'starts' ? this.limits.startsPerWindow : this.limits.retrievalsPerWindow;
    const times = this.seen[limited].filter((at) => at > now - windowMs);
    this.seen[limited] = times;
    if (times.length >= limit) {
      this.refused += 1;
      sendJson(res, 429, {
        title: 'Too Many Requests',
        status: 429,
        detail: `Rate limit of ${limit} ${limited} per ${windowMs / 1000} s exceeded (sandbox)`,
      });
      return true;
    }
    times.push(now);
    return false;
  }
}

function definedOnly(limits: SandboxRateLimits): SandboxRateLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
