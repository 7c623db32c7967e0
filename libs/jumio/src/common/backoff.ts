/**
 * How long background work waits before it tries a failed step again: the one backoff of the module's
 * workers (outbox deliveries, erasures at Jumio, callbacks whose result is not there yet). Calls to Jumio
 * inside one request retry on their own, shorter schedule (resilience/jumio-call-policies.ts).
 */
export interface Backoff {
  /** The first wait. */
  firstMs: number;
  /** No wait is longer. */
  maxMs: number;
}

/** Outbox events whose subscriber failed: 2 s, 4 s, 8 s … up to an hour. */
export const OUTBOX_BACKOFF: Backoff = { firstMs: 2_000, maxMs: 60 * 60_000 };
/** Erasures that Jumio did not confirm: 1 min, 2 min, 4 min … up to 6 hours. */
export const ERASURE_BACKOFF: Backoff = { firstMs: 60_000, maxMs: 6 * 60 * 60_000 };
/** Callbacks not confirmed yet: about as long as the callback is old, 30 s to an hour. */
export const CALLBACK_BACKOFF: Backoff = { firstMs: 30_000, maxMs: 60 * 60_000 };

/**
 * The wait before the next try, doubling from `firstMs` and capped at `maxMs`. Counted either by the
 * tries made so far (`attempts`, 1 after the first failure), or, for work whose tries are not counted,
 * by its age (`ageMs`): waiting as long as the work is old doubles its age at every try, which is the
 * same doubling without a counter.
 */
export function backoffMs(
  backoff: Backoff,
  after: { attempts: number } | { ageMs: number },
): number {
  const wait =
    'attempts' in after
      ? backoff.firstMs * 2 ** Math.max(0, after.attempts - 1)
      : Math.max(backoff.firstMs, after.ageMs);
  return Math.min(backoff.maxMs, wait);
}

/** The time of the next try, from `now`. */
export function nextTryAt(
  backoff: Backoff,
  after: { attempts: number } | { ageMs: number },
  now: Date = new Date(),
): Date {
  return new Date(now.getTime() + backoffMs(backoff, after));
}
