import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/http-io';
import type { RouteGroup } from '../http/router';
import type { FaultGroup } from './scenario';

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

/** A rate limit on one endpoint group (or `all`), as the benchmarks set Jumio's. */
export interface RateLimitSpec {
  group: FaultGroup;
  /** Calls allowed in any window of `perSeconds`; beyond them Jumio answers 429. */
  requests: number;
  perSeconds: number;
}

/** Groups that are not Jumio's API: never limited per group. */
const UNLIMITED_GROUPS = new Set<RouteGroup>(['capture', 'control', 'info']);

/**
 * The sandbox's one rate limiter. Counts requests over a sliding window, as Jumio enforces its limits,
 * and answers 429 in Jumio's shape (`{title, status, detail}`, no Retry-After: Jumio's example carries
 * none) beyond them. Two sets of limits, both off until the scenario control turns them on: Jumio's
 * documented ones (`enable`: starts and retrievals) and per endpoint group (`setGroupLimit`, from the
 * benchmarks). Counts how often it refused, for tests.
 */
export class SandboxRateLimiter {
  private limits: Required<SandboxRateLimits> | undefined;
  private readonly seen: Record<LimitedGroup, number[]> = { starts: [], retrievals: [] };
  private readonly groupLimits = new Map<FaultGroup, RateLimitSpec & { recent: number[] }>();
  private refused = 0;

  setGroupLimit(limit: RateLimitSpec): void {
    this.groupLimits.set(limit.group, { ...limit, recent: [] });
  }

  clearGroupLimits(): void {
    this.groupLimits.clear();
  }

  /** Off: both the documented limits and the group limits. */
  reset(): void {
    this.disable();
    this.clearGroupLimits();
  }

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

  /** Answers 429 when this request is over its group's limit (`setGroupLimit`); true when it did. */
  refuseOverGroupLimit(group: RouteGroup, res: ServerResponse, now = Date.now()): boolean {
    if (UNLIMITED_GROUPS.has(group)) return false;
    const limit = this.groupLimits.get(group as FaultGroup) ?? this.groupLimits.get('all');
    if (!limit) return false;
    const admitted = admit(limit.recent, limit.requests, limit.perSeconds * 1000, now);
    limit.recent = admitted.recent;
    if (admitted.ok) return false;
    return this.tooMany(res, 'Rate limit exceeded');
  }

  /** Answers 429 when this request is over the documented limits (`enable`); true when it did. */
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
    const admitted = admit(this.seen[limited], limit, windowMs, now);
    this.seen[limited] = admitted.recent;
    if (admitted.ok) return false;
    return this.tooMany(
      res,
      `Rate limit of ${limit} ${limited} per ${windowMs / 1000} s exceeded (sandbox)`,
    );
  }

  private tooMany(res: ServerResponse, detail: string): true {
    this.refused += 1;
    sendJson(res, 429, { title: 'Too Many Requests', status: 429, detail });
    return true;
  }
}

/** Sliding window: the calls still inside it, and whether this one fits (then it is counted). */
function admit(
  times: number[],
  limit: number,
  windowMs: number,
  now: number,
): { recent: number[]; ok: boolean } {
  const recent = times.filter((at) => at > now - windowMs);
  if (recent.length >= limit) return { recent, ok: false };
  recent.push(now);
  return { recent, ok: true };
}

function definedOnly(limits: SandboxRateLimits): SandboxRateLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}
