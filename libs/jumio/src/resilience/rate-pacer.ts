/** A call that would wait longer than allowed for its turn: not sent. */
export class PacerFullError extends Error {
  constructor(
    /** When a slot is likely free again, in whole seconds (for `Retry-After`). */
    readonly retryAfterSeconds: number,
  ) {
    super(`no free slot within the queue limit; next in about ${retryAfterSeconds} s`);
    this.name = 'PacerFullError';
  }
}

/**
 * At most `limit` calls in any `windowMs` (sliding window), callers queued in arrival order for at most
 * `maxWaitMs`. Each call reserves the earliest slot that keeps the window's count: slot i is never less
 * than a window after slot i - limit, so no window ever holds more than `limit` calls. A call that would
 * wait longer than `maxWaitMs` reserves nothing and fails at once with the wait it would have needed.
 */
export class RatePacer {
  /** Reserved slot times (epoch ms), oldest first; only those inside the last window are kept. */
  private readonly slots: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves when the caller may send; rejects with PacerFullError when the queue is full, or with the
   * signal's reason when it aborts while waiting (the slot is then left unused, which is safe).
   */
  async take(signal?: AbortSignal): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Reserves the next slot; returns how long to wait for it. */
  private reserve(): number {
    const now = this.now();
    while (this.slots.length > 0 && this.slots[0] <= now - this.windowMs) this.slots.shift();
    const slot =
      this.slots.length < this.limit
        ? now
        : Math.max(now, this.slots[this.slots.length - this.limit] + this.windowMs);
    const waitMs = slot - now;
    if (waitMs > this.maxWaitMs) throw new PacerFullError(Math.max(1, Math.ceil(waitMs / 1000)));
    this.slots.push(slot);
    return waitMs;
  }
}
