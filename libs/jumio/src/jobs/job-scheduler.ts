import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { failureSummary } from '../common/failure-summary';
import { PeriodicPass } from './periodic-pass';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';

/** A background job of the module: what it does, how often, and what its shutdown needs. */
export interface JumioJob {
  /** For logs and tests, e.g. `reconciliation`. Unique. */
  name: string;
  /** Milliseconds between passes; 0 or less: no timer (the job still runs on demand, `runNow`). */
  intervalMs: number;
  /** One pass. Never two at once in this instance: a pass asked for meanwhile joins the one under way. */
  run(): Promise<unknown>;
  /** At shutdown, once no timer fires any more: hand work back, let work under way end. */
  stop?(): Promise<void>;
}

/**
 * The one scheduler of the module's background work (callback inbox, reconciliation, outbox relay,
 * data-protection job, lease renewal). Each worker lists its jobs (`jobs()`) and the module's root puts
 * them here (`jumio-module.jobs.ts`); the timers start
 * once the application has started, only on instances that do background work (`instanceRole` `all` or
 * `worker`; an `api` instance runs none), never keep the process alive, and stop at shutdown: first every
 * timer, then each job's own `stop`, then the passes under way are awaited, so nothing touches the
 * database once the host closes it.
 */
@Injectable()
export class JumioJobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JumioJobs');
  private readonly jobs = new Map<string, { job: JumioJob; pass: PeriodicPass<unknown> }>();
  private readonly runsTimers: boolean;
  private started = false;
  private stopped = false;

  constructor(@Inject(JUMIO_SETTINGS) settings: Pick<JumioSettings, 'instance'>) {
    this.runsTimers = settings.instance.runsBackgroundWork;
  }

  /** Adds a job; its timer starts with the application (at once when it has started already). */
  register(job: JumioJob): void {
    if (this.jobs.has(job.name))
      throw new Error(`JumioJobScheduler: job ${job.name} exists already`);
    const entry = { job, pass: new PeriodicPass<unknown>() };
    this.jobs.set(job.name, entry);
    if (this.started && !this.stopped) this.startTimer(entry);
  }

  /** One pass of a job now, or the pass under way. */
  runNow<T>(name: string): Promise<T> {
    return this.runNowWith(name, () => this.entry(name).job.run() as Promise<T>);
  }

  /** A pass of a job made by `work` (e.g. judged by another time), or the pass under way. */
  runNowWith<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.entry(name).pass.run(work) as Promise<T>;
  }

  /** Names of the jobs whose timer runs (tests, diagnostics). */
  get running(): string[] {
    if (!this.started || this.stopped || !this.runsTimers) return [];
    return [...this.jobs.values()]
      .filter(({ job }) => job.intervalMs > 0)
      .map(({ job }) => job.name);
  }

  get stopping(): boolean {
    return this.stopped;
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const entry of this.jobs.values()) this.startTimer(entry);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const entries = [...this.jobs.values()];
    // No timer fires from here on; then every job winds down, all at once.
    for (const { pass } of entries) pass.stopTimer();
    await Promise.all(
      entries.map(async ({ job, pass }) => {
        await job.stop?.().catch((error: unknown) => this.logFailure(job, error));
        await pass.stop();
      }),
    );
  }

  private entry(name: string): { job: JumioJob; pass: PeriodicPass<unknown> } {
    const entry = this.jobs.get(name);
    if (!entry) throw new Error(`JumioJobScheduler: no job ${name}`);
    return entry;
  }

  private startTimer(entry: { job: JumioJob; pass: PeriodicPass<unknown> }): void {
    if (!this.runsTimers) return;
    const { job, pass } = entry;
    pass.start(
      job.intervalMs,
      () => job.run(),
      (error) => this.logFailure(job, error),
    );
  }

  private logFailure(job: JumioJob, error: unknown): void {
    this.logger.warn(`Job ${job.name} failed: ${failureSummary(error)}`);
  }
}
