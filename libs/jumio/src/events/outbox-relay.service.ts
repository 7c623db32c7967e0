import { PeriodicPass } from '../jobs/periodic-pass';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { findHostEventEmitter, type EventEmitterLike } from '../common/optional-peer';
import { DataSource } from 'typeorm';
import { failureSummary } from '../common/failure-summary';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { runInTransaction } from '../persistence/db-transaction';
import { parseReasons } from '../transaction/scan-transaction.rules';
import type { ScanType } from '../persistence/scan-transaction.types';
import type { VerificationDecision } from '../persistence/verification.types';
import { LeaseRenewer, WORK_LEASE_MS } from '../persistence/lease-renewer';
import { claimRows } from '../persistence/row-claims';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';
import { OUTBOX_TABLE } from './outbox.writer';
import {
  eventEmitterName,
  STEP_CODE_OF,
  type ScanTransactionEvent,
  type ScanTransactionEventType,
} from './scan-transaction-event';
import { ScanTransactionEvents } from './scan-transaction-events';

const BATCH_SIZE = 50;
/** Short, renewed while the batch is delivered (see LeaseRenewer). */
const LEASE_MS = WORK_LEASE_MS;
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_ROUNDS_PER_PASS = 10;
/** Only the oldest undelivered event of a transaction is due: events of one transaction stay in order. */
const OLDEST_OF_ITS_TRANSACTION = `NOT EXISTS (SELECT 1 FROM ${OUTBOX_TABLE} earlier
  WHERE earlier.scan_transaction_id = ${OUTBOX_TABLE}.scan_transaction_id
    AND earlier.delivered_at IS NULL AND earlier.occurred_at < ${OUTBOX_TABLE}.occurred_at)`;

interface OutboxRow {
  id: string;
  scan_transaction_id: string;
  user_id: string;
  scan_type: ScanType;
  event_type: ScanTransactionEventType;
  decision: VerificationDecision | null;
  reasons: string;
  occurred_at: Date | string;
  attempts: number | string;
}

export interface RelayReport {
  delivered: string[];
  failed: string[];
}

/**
 * Delivers the outbox at least once: claims due events (row by row, like reconciliation), hands each to
 * `ScanTransactionEvents` subscribers and, when the host has `EventEmitterModule`, to `EventEmitter2`
 * as `jumio.scan-transaction.<type>`, then marks it delivered. An event whose delivery fails or is cut
 * short by a crash stays in the table and is delivered again (failures back off exponentially).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JumioOutbox');
  private readonly intervalMs: number;
  private readonly dialect: SqlDialect;
  private readonly passes = new PeriodicPass<RelayReport>();
  /** The host's EventEmitter2, looked up once (`@nestjs/event-emitter` is optional). */
  private emitterLookup?: { emitter?: EventEmitterLike };
  private readonly leases: LeaseRenewer;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly dataSource: DataSource,
    private readonly events: ScanTransactionEvents,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {
    this.intervalMs = settings.instance.outboxRelayIntervalMs;
    this.dialect = sqlDialect(dataSource);
    this.leases = new LeaseRenewer(dataSource, this.dialect, OUTBOX_TABLE, LEASE_MS);
  }

  private hostEmitter(): EventEmitterLike | undefined {
    this.emitterLookup ??= {
      emitter: this.moduleRef && findHostEventEmitter(this.moduleRef),
    };
    return this.emitterLookup.emitter;
  }

  onApplicationBootstrap(): void {
    this.passes.start(
      this.intervalMs,
      () => this.pass(new Date()),
      (error) => this.logger.warn(`Relay pass failed: ${failureSummary(error)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.passes.stop();
    this.leases.stop();
  }

  /** One delivery pass; concurrent calls share the pass in progress. */
  runOnce(now: Date = new Date()): Promise<RelayReport> {
    return this.passes.run(() => this.pass(now));
  }

  /**
   * Rounds of claim-and-deliver until nothing more is due (bounded): each round hands out the oldest
   * undelivered event of each transaction, so a transaction's later events follow in later rounds.
   */
  private async pass(now: Date): Promise<RelayReport> {
    const report: RelayReport = { delivered: [], failed: [] };
    // Idle most of the time: one read of the pending-events index instead of a claiming transaction.
    if (!(await this.anyDue(now))) return report;
    for (let round = 0; round < MAX_ROUNDS_PER_PASS; round++) {
      const deliveredBefore = report.delivered.length;
      const claimed = await this.round(now, report);
      if (claimed === 0 || report.delivered.length === deliveredBefore) break;
    }
    return report;
  }

  private async anyDue(now: Date): Promise<boolean> {
    const rows = await this.dialect.rows(
      this.dataSource,
      `SELECT 1 AS due FROM ${OUTBOX_TABLE} WHERE delivered_at IS NULL AND next_attempt_at <= ?
       AND (claimed_until IS NULL OR claimed_until < ?) LIMIT 1`,
      [this.dialect.time(now), this.dialect.time(now)],
    );
    return rows.length > 0;
  }

  private async round(now: Date, report: RelayReport): Promise<number> {
    const ids = await claimRows(
      this.dataSource,
      this.dialect,
      {
        table: OUTBOX_TABLE,
        due: `delivered_at IS NULL AND next_attempt_at <= ? AND ${OLDEST_OF_ITS_TRANSACTION}`,
        dueParams: [this.dialect.time(now)],
        orderBy: 'occurred_at',
        batchSize: BATCH_SIZE,
        leaseMs: LEASE_MS,
      },
      now,
    );
    this.leases.hold(ids);
    for (const id of ids) {
      try {
        await this.deliver(id, report);
      } finally {
        this.leases.drop(id);
      }
    }
    return ids.length;
  }

  private async deliver(id: string, report: RelayReport): Promise<void> {
    const [row] = await this.dialect.rows<OutboxRow>(
      this.dataSource,
      `SELECT * FROM ${OUTBOX_TABLE} WHERE id = ? AND delivered_at IS NULL`,
      [id],
    );
    if (!row) return;
    const event = toEvent(row);
    try {
      await this.events.publish(event);
      await this.hostEmitter()?.emitAsync(eventEmitterName(event.type), event);
    } catch {
      const attempts = Number(row.attempts) + 1;
      const retryAt = new Date(Date.now() + Math.min(2 ** attempts * 1000, MAX_BACKOFF_MS));
      await this.write(
        `UPDATE ${OUTBOX_TABLE} SET attempts = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?`,
        [attempts, this.dialect.time(retryAt), id],
      );
      report.failed.push(id);
      return;
    }
    await this.write(
      `UPDATE ${OUTBOX_TABLE} SET delivered_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?`,
      [this.dialect.time(new Date()), id],
    );
    report.delivered.push(id);
  }

  private async write(sql: string, params: unknown[]): Promise<void> {
    await runInTransaction(this.dataSource, (manager) => this.dialect.rows(manager, sql, params));
  }
}

function toEvent(row: OutboxRow): ScanTransactionEvent {
  return {
    id: row.id,
    type: row.event_type,
    transactionId: row.scan_transaction_id,
    userId: row.user_id,
    scanType: row.scan_type,
    stepCode: STEP_CODE_OF[row.scan_type],
    decision: row.decision ?? null,
    // Like OutboxWriter: an unreadable value becomes no reasons rather than a pass that fails forever
    // and holds back the transaction's later events.
    reasons: parseReasons(row.reasons),
    occurredAt:
      row.occurred_at instanceof Date
        ? row.occurred_at
        : new Date(`${row.occurred_at.replace(' ', 'T')}Z`),
  };
}
