/**
 * A background pass run on a timer: at most one pass at a time in this instance (concurrent callers share
 * the one under way), a timer that never keeps the process alive, and a stop that waits for the pass.
 * Used by JumioJobScheduler, one per job.
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  /** Runs `work`, or joins the pass already under way. */
  run(work: () => Promise<T>): Promise<T> {
    this.running ??= work().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Every `intervalMs` (0 or less: never), runs `work`; a failed pass goes to `onFailure`. */
  start(intervalMs: number, work: () => Promise<T>, onFailure: (error: unknown) => void): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.run(work).catch(onFailure), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer only; a pass under way goes on. */
  stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops the timer and lets a pass under way finish (before the host's DataSource closes). */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.running?.catch(() => undefined);
  }
}
