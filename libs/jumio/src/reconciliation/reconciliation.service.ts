import { PeriodicPass } from '../jobs/periodic-pass';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { failureSummary } from '../common/failure-summary';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { ScanTransaction } from '../persistence/scan-transaction.entity';
import { productOf } from '../transaction/scan-transaction.rules';
import { ScanTransactionService } from '../start/scan-transaction.service';
import {
  ConcurrentChangeError,
  ScanTransactionStore,
} from '../results/scan-transaction.store';
import { runInTransaction } from '../persistence/db-transaction';
import { EXPIRED_ERROR_CODE, expiryDeadline } from '../transaction/expiry.rules';
import { JumioResultRetriever } from '../jumio/jumio-result.retriever';
import { nextCheckDelayMs } from './retrieval-schedule';
import { LeaseRenewer, WORK_LEASE_MS } from '../persistence/lease-renewer';
import { claimRows } from '../persistence/row-claims';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';

const TABLE = 'jumio_scan_transaction';
const BATCH_SIZE = 25;
/** Short, renewed while the batch is worked on (see LeaseRenewer). */
const LEASE_MS = WORK_LEASE_MS;
/** What the schedule is for: restarted whenever this changes (started → uploaded, reference learned). */
const CHECK_BASIS = `status || '|' || CASE WHEN jumio_reference IS NULL THEN '-' ELSE 'R' END`;

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
 * Work is claimed row by row, so several instances on one database share it without doing a job twice.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JumioReconciliation');
  private readonly scheduleMs: readonly number[];
  private readonly intervalMs: number;
  private readonly webLinkLifetimeMs: number;
  private readonly dialect: SqlDialect;
  private readonly passes = new PeriodicPass<ReconciliationReport>();
  private readonly leases: LeaseRenewer;
  private stopping = false;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly dataSource: DataSource,
    private readonly store: ScanTransactionStore,
    private readonly scans: ScanTransactionService,
    private readonly retriever: JumioResultRetriever,
  ) {
    this.scheduleMs = settings.retrieval.scheduleMs;
    this.intervalMs = settings.retrieval.reconciliationIntervalMs;
    this.webLinkLifetimeMs = settings.scans.webLinkLifetimeMs;
    this.dialect = sqlDialect(dataSource);
    this.leases = new LeaseRenewer(dataSource, this.dialect, TABLE, LEASE_MS);
  }

  onApplicationBootstrap(): void {
    this.passes.start(
      this.intervalMs,
      () => this.pass(new Date()),
      (error) => this.logFailure(error),
    );
  }

  /** Lets the check under way finish; the rest of the batch is handed back to other instances. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.passes.stop();
    this.leases.stop();
  }

  /** One pass over the due transactions; concurrent calls share the pass in progress. */
  runOnce(now: Date = new Date()): Promise<ReconciliationReport> {
    return this.passes.run(() => this.pass(now));
  }

  private async pass(now: Date): Promise<ReconciliationReport> {
    const report: ReconciliationReport = { checked: [], applied: [], expired: [], failed: [] };
    await this.restartChangedSchedules(now);
    // Another instance may have restarted these schedules a moment later than our `now` was taken: judge
    // what is due by the later of the two, or both instances could skip rows that are already due.
    const dueBy = new Date(Math.max(now.getTime(), Date.now()));
    const ids = await claimRows(
      this.dataSource,
      this.dialect,
      {
        table: TABLE,
        due: 'open_key IS NOT NULL AND next_check_at <= ?',
        dueParams: [this.dialect.time(dueBy)],
        orderBy: 'next_check_at',
        batchSize: BATCH_SIZE,
        leaseMs: LEASE_MS,
      },
      now,
    );
    this.leases.hold(ids);
    for (const [index, id] of ids.entries()) {
      if (this.stopping) {
        await this.leases.release(ids.slice(index));
        break;
      }
      try {
        await this.check(id, now, report);
      } finally {
        this.leases.drop(id);
      }
    }
    return report;
  }

  /**
   * A transaction new to reconciliation, or whose state moved on, starts the schedule from the top.
   * An uploaded POA waiting for the user's POI result (see ProofOfAddressReviewer) is due again as soon
   * as that POI was decided after the POA's last check.
   */
  private async restartChangedSchedules(now: Date): Promise<void> {
    const first = new Date(now.getTime() + nextCheckDelayMs(this.scheduleMs, 0));
    await runInTransaction(this.dataSource, async (manager) => {
      await this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET check_count = 0, next_check_at = ?, check_basis = ${CHECK_BASIS}
         WHERE open_key IS NOT NULL AND (check_basis IS NULL OR check_basis <> ${CHECK_BASIS})`,
        [this.dialect.time(first)],
      );
      await this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET next_check_at = ?
         WHERE type = 'POA' AND open_key IS NOT NULL AND status = 'SUCCESS' AND next_check_at > ?
           AND EXISTS (SELECT 1 FROM ${TABLE} poi WHERE poi.user_id = ${TABLE}.user_id AND poi.type = 'POI'
             AND poi.completed_at > COALESCE(${TABLE}.last_checked_at, ${TABLE}.created_at))`,
        [this.dialect.time(now), this.dialect.time(now)],
      );
    });
  }

  private async check(id: string, now: Date, report: ReconciliationReport): Promise<void> {
    const repository = this.dataSource.getRepository(ScanTransaction);
    let tx = await repository.findOneBy({ id });
    let checksDone = 0;
    try {
      if (!tx || tx.openKey === null) return;
      checksDone = await this.checkCount(id);
      report.checked.push(id);
      if (tx.jumioReference !== null && (await this.retrieveAndApply(tx, report))) {
        tx = await repository.findOneBy({ id });
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
      const outcome = await this.scans.applyResult(result, 'RETRIEVAL');
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
      await this.store.update(
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
    await runInTransaction(this.dataSource, (manager) =>
      this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET check_count = check_count + 1, last_checked_at = ?, next_check_at = ?,
         claimed_until = NULL WHERE id = ?`,
        [this.dialect.time(now), this.dialect.time(next), id],
      ),
    );
  }

  private async checkCount(id: string): Promise<number> {
    const rows = await this.dialect.rows<{ check_count: number | string }>(
      this.dataSource,
      `SELECT check_count FROM ${TABLE} WHERE id = ?`,
      [id],
    );
    return Number(rows[0]?.check_count ?? 0);
  }

  private logFailure(error: unknown, transactionId?: string): void {
    this.logger.warn(
      `Reconciliation${transactionId ? ` of ${transactionId}` : ''} failed: ${failureSummary(error)}`,
    );
  }
}
