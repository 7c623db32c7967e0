import { Inject, Injectable, Logger } from '@nestjs/common';
import { failureSummary } from '../common/failure-summary';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { BackgroundResults } from '../results/background-results';
import { JumioJobScheduler, type JumioJob } from '../jobs/job-scheduler';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../persistence/background-data-source';
import { ScanTransactionWorkRepository } from '../persistence/scan-transaction-work.repository';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { productOf } from '../transaction/scan-transaction.rules';
import { ConcurrentChangeError } from '../results/scan-transaction.store';
import { EXPIRED_ERROR_CODE, expiryDeadline } from '../transaction/expiry.rules';
import { JumioResultRetriever } from '../jumio/jumio-result.retriever';
import { nextCheckDelayMs } from './retrieval-schedule';

const BATCH_SIZE = 25;
/** The scheduler's jobs of reconciliation. */
export const RECONCILIATION_JOB = 'reconciliation';
export const RECONCILIATION_LEASES_JOB = 'reconciliation lease renewal';

/** What one pass did, by transaction id (ids are random UUIDs, not personal data). */
export interface ReconciliationReport {
  checked: string[];
  applied: string[];
  expired: string[];
  failed: string[];
}

/**
 * Makes sure no result is lost when callbacks are: every open transaction is re-checked through the
 * Retrieval API on Jumio's suggested schedule (restarted when the upload finishes), and transactions
 * Jumio will never report on are expired by its documented timeouts (see expiry.rules.ts).
 * Work is leased row by row (WorkLeases), so several instances on one database share it without doing a
 * job twice. Runs as the scheduler's `reconciliation` job, on the background DataSource.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('JumioReconciliation');
  private readonly scheduleMs: readonly number[];
  private readonly webLinkLifetimeMs: number;
  private readonly intervalMs: number;
  private readonly transactions: ScanTransactionWorkRepository;
  private stopping = false;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    background: BackgroundDatabase,
    private readonly results: BackgroundResults,
    private readonly retriever: JumioResultRetriever,
    private readonly scheduler: JumioJobScheduler,
  ) {
    this.scheduleMs = settings.retrieval.scheduleMs;
    this.webLinkLifetimeMs = settings.scans.webLinkLifetimeMs;
    this.transactions = new ScanTransactionWorkRepository(background.dataSource);
    this.intervalMs = settings.retrieval.reconciliationIntervalMs;
  }

  /** Its jobs, put on the scheduler by the module's root (`jumio-module.jobs.ts`). */
  jobs(): JumioJob[] {
    return [
      {
        name: RECONCILIATION_JOB,
        intervalMs: this.intervalMs,
        run: () => this.pass(new Date()),
        // Lets the check under way finish; the rest of the batch is handed back to other instances.
        stop: () => {
          this.stopping = true;
          return Promise.resolve();
        },
      },
      {
        name: RECONCILIATION_LEASES_JOB,
        intervalMs: Math.max(100, this.transactions.leases.leaseMs / 3),
        run: () => this.transactions.leases.renewHeld(),
        stop: () => Promise.resolve(this.transactions.leases.stop()),
      },
    ];
  }

  /** One pass over the due transactions; concurrent calls share the pass in progress. */
  runOnce(now: Date = new Date()): Promise<ReconciliationReport> {
    return this.scheduler.runNowWith(RECONCILIATION_JOB, () => this.pass(now));
  }

  private async pass(now: Date): Promise<ReconciliationReport> {
    const report: ReconciliationReport = { checked: [], applied: [], expired: [], failed: [] };
    const first = new Date(now.getTime() + nextCheckDelayMs(this.scheduleMs, 0));
    await this.transactions.restartChangedSchedules(now, first);
    // Another instance may have restarted these schedules a moment later than our `now` was taken: judge
    // what is due by the later of the two, or both instances could skip rows that are already due.
    const dueBy = new Date(Math.max(now.getTime(), Date.now()));
    const ids = await this.transactions.takeDue(dueBy, now, BATCH_SIZE);
    for (const [index, id] of ids.entries()) {
      if (this.stopping) {
        await this.transactions.leases.release(ids.slice(index));
        break;
      }
      try {
        await this.check(id, now, report);
      } finally {
        this.transactions.leases.drop(id);
      }
    }
    return report;
  }

  private async check(id: string, now: Date, report: ReconciliationReport): Promise<void> {
    let tx = await this.transactions.findById(id);
    let checksDone = 0;
    try {
      if (!tx || tx.openKey === null) return;
      checksDone = await this.transactions.checkCount(id);
      report.checked.push(id);
      if (tx.jumioReference !== null && (await this.retrieveAndApply(tx, report))) {
        tx = await this.transactions.findById(id);
        if (!tx || tx.openKey === null) return;
      }
      const deadline = expiryDeadline(tx, this.webLinkLifetimeMs);
      if (deadline && now >= deadline && (await this.expire(tx))) {
        report.expired.push(id);
        return;
      }
    } finally {
      await this.finishCheck(id, tx, checksDone, now);
    }
  }

  /** True when Jumio's final result was applied. A failure is left for the next scheduled check. */
  private async retrieveAndApply(
    tx: ScanTransaction,
    report: ReconciliationReport,
  ): Promise<boolean> {
    try {
      const result = await this.retriever.retrieve(productOf(tx.type), tx.jumioReference!);
      // A PENDING answer carries nothing new; applying it would only churn the row.
      if (result.decision === 'PENDING') return false;
      const outcome = await this.results.applier.applyResult(result, 'RETRIEVAL');
      if (outcome === 'APPLIED') report.applied.push(tx.id);
      return true;
    } catch (error) {
      // A scan Jumio does not know may never have been created (a mobile app's report): expiry decides.
      if (error instanceof JumioError && error.code === JumioErrorCode.JUMIO_NOT_FOUND)
        return false;
      report.failed.push(tx.id);
      this.logFailure(error, tx.id);
      return false;
    }
  }

  /** Stamped with the wall clock, whatever `now` the pass was asked to judge by. */
  private async expire(tx: ScanTransaction): Promise<boolean> {
    const now = new Date();
    try {
      await this.results.store.update(
        tx,
        { status: 'NOT_STARTED_YET', errorCode: EXPIRED_ERROR_CODE, openKey: null },
        now,
        'RECONCILIATION',
      );
      return true;
    } catch (error) {
      if (error instanceof ConcurrentChangeError) return false; // it moved on; the next pass re-reads it
      throw error;
    }
  }

  /** Counts the check, plans the next one and releases the claim, without touching the row's version. */
  private async finishCheck(
    id: string,
    tx: ScanTransaction | null,
    checksDone: number,
    now: Date,
  ): Promise<void> {
    const delayMs = nextCheckDelayMs(this.scheduleMs, checksDone);
    let next = new Date(now.getTime() + delayMs);
    const deadline = tx ? expiryDeadline(tx, this.webLinkLifetimeMs) : null;
    // Without a reference there is nothing to retrieve: the next look is the expiry itself.
    if (tx && tx.jumioReference === null && deadline) next = deadline;
    else if (deadline && deadline < next) next = deadline;
    await this.transactions.finishCheck(id, now, next);
  }

  private logFailure(error: unknown, transactionId?: string): void {
    this.logger.warn(
      `Reconciliation${transactionId ? ` of ${transactionId}` : ''} failed: ${failureSummary(error)}`,
    );
  }
}
