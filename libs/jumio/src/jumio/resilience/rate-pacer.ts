/** A call that would wait longer than allowed for its turn: not sent. */
export class PacerFullError extends Error {
  constructor(
    /** When a turn is likely free again, in whole seconds (for `Retry-After`). */
    readonly retryAfterSeconds: number,
  ) {
    super(`no turn free within the queue limit; next in about ${retryAfterSeconds} s`);
    this.name = 'PacerFullError';
  }
}

interface Waiter {
  grant: () => void;
}

/**
 * At most `limit` calls in any `windowMs`, counted where it matters: at the far end, where arrival times
 * are skewed by latency and a busy event loop. `limit` turns circulate; a call holds one from before it is
 * sent until its answer is back, and the turn becomes free again only `windowMs` after that. Two calls
 * using the same turn therefore arrive at least `windowMs` apart, however slow the network: no window
 * ever sees more than `limit` of them.
 *
 * Callers queue in arrival order. One whose expected wait exceeds `maxWaitMs` is refused at once
 * (PacerFullError with the expected wait); the estimate counts calls still in flight as if they finished
 * now, so a queued call may wait a little longer than `maxWaitMs` (never past its signal).
 */
export class RatePacer {
  private free: number;
  private inFlight = 0;
  /** When held turns come back (epoch ms): calls answered, waiting out their window. */
  private readonly returning: number[] = [];
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.free = limit;
  }

  /**
   * Resolves with `done` once the caller may send; call `done` when the answer is back (or the call
   * failed). Rejects with PacerFullError when the queue is full, or with the signal's reason when it
   * aborts while waiting.
   */
  async take(signal?: AbortSignal): Promise<() => void> {
    if (this.free > 0 && this.waiters.length === 0) {
      this.free -= 1;
      return this.hold();
    }
    const waitMs = this.expectedWaitMs();
    if (waitMs > this.maxWaitMs) throw new PacerFullError(Math.max(1, Math.ceil(waitMs / 1000)));
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.push(waiter);
    });
    return this.hold();
  }

  private hold(): () => void {
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      const at = this.now() + this.windowMs;
      this.returning.push(at);
      setTimeout(() => this.giveBack(at), this.windowMs).unref();
    };
  }

  private giveBack(at: number): void {
    this.returning.splice(this.returning.indexOf(at), 1);
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.free += 1;
  }

  /** When the next caller in line would get a turn: in-flight calls count as answered now. */
  private expectedWaitMs(): number {
    const now = this.now();
    const turns = [
      ...this.returning,
      ...Array<number>(this.inFlight).fill(now + this.windowMs),
      ...Array<number>(this.free).fill(now),
    ].sort((a, b) => a - b);
    const position = this.waiters.length;
    const cycles = Math.floor(position / this.limit);
    return turns[position % this.limit] + cycles * this.windowMs - now;
  }
}
