import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { findHostEventEmitter, type EventEmitterLike } from '../common/optional-peer';
import { nextTryAt, OUTBOX_BACKOFF } from '../common/backoff';
import { JumioJobScheduler, type JumioJob } from '../jobs/job-scheduler';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../persistence/background-data-source';
import { OutboxRepository, type OutboxRow } from '../persistence/outbox.repository';
import { parseReasons } from '../transaction/scan-transaction.rules';
import type { ScanType } from '../persistence/scan-transaction.types';
import type { VerificationDecision } from '../persistence/verification.types';
import {
  eventEmitterName,
  STEP_CODE_OF,
  type ScanTransactionEvent,
  type ScanTransactionEventType,
} from '../transaction/scan-transaction-event';
import { ScanTransactionEvents } from './scan-transaction-events';

const BATCH_SIZE = 50;
const MAX_ROUNDS_PER_PASS = 10;
/** The scheduler's jobs of the relay. */
export const OUTBOX_RELAY_JOB = 'outbox relay';
export const OUTBOX_LEASES_JOB = 'outbox lease renewal';

export interface RelayReport {
  delivered: string[];
  failed: string[];
}

/**
 * Delivers the outbox at least once: leases due events (row by row, like reconciliation), hands each to
 * `ScanTransactionEvents` subscribers and, when the host has `EventEmitterModule`, to `EventEmitter2`
 * as `jumio.scan-transaction.<type>`, then marks it delivered. An event whose delivery fails or is cut
 * short by a crash stays in the table and is delivered again (failures back off: OUTBOX_BACKOFF).
 * Runs as the scheduler's `outbox relay` job, on the background DataSource.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('JumioOutbox');
  private readonly outbox: OutboxRepository;
  private readonly intervalMs: number;
  /** The host's EventEmitter2, looked up once (`@nestjs/event-emitter` is optional). */
  private emitterLookup?: { emitter?: EventEmitterLike };

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    background: BackgroundDatabase,
    private readonly events: ScanTransactionEvents,
    private readonly scheduler: JumioJobScheduler,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {
    this.outbox = new OutboxRepository(background.dataSource);
    this.intervalMs = settings.instance.outboxRelayIntervalMs;
  }

  /** Its jobs, put on the scheduler by the module's root (`jumio-module.jobs.ts`). */
  jobs(): JumioJob[] {
    return [
      { name: OUTBOX_RELAY_JOB, intervalMs: this.intervalMs, run: () => this.pass(new Date()) },
      {
        name: OUTBOX_LEASES_JOB,
        intervalMs: Math.max(100, this.outbox.leases.leaseMs / 3),
        run: () => this.outbox.leases.renewHeld(),
        stop: () => Promise.resolve(this.outbox.leases.stop()),
      },
    ];
  }

  private hostEmitter(): EventEmitterLike | undefined {
    this.emitterLookup ??= {
      emitter: this.moduleRef && findHostEventEmitter(this.moduleRef),
    };
    return this.emitterLookup.emitter;
  }

  /** One delivery pass; concurrent calls share the pass in progress. */
  runOnce(now: Date = new Date()): Promise<RelayReport> {
    return this.scheduler.runNowWith(OUTBOX_RELAY_JOB, () => this.pass(now));
  }

  /**
   * Rounds of lease-and-deliver until nothing more is due (bounded): each round hands out the oldest
   * undelivered event of each transaction, so a transaction's later events follow in later rounds.
   */
  private async pass(now: Date): Promise<RelayReport> {
    const report: RelayReport = { delivered: [], failed: [] };
    // Idle most of the time: one read of the pending-events index instead of a leasing transaction.
    if (!(await this.outbox.anyDue(now))) return report;
    for (let round = 0; round < MAX_ROUNDS_PER_PASS; round++) {
      const deliveredBefore = report.delivered.length;
      const leased = await this.round(now, report);
      if (leased === 0 || report.delivered.length === deliveredBefore) break;
    }
    return report;
  }

  private async round(now: Date, report: RelayReport): Promise<number> {
    const ids = await this.outbox.takeDue(now, BATCH_SIZE);
    for (const id of ids) {
      try {
        await this.deliver(id, report);
      } finally {
        this.outbox.leases.drop(id);
      }
    }
    return ids.length;
  }

  private async deliver(id: string, report: RelayReport): Promise<void> {
    const row = await this.outbox.undelivered(id);
    if (!row) return;
    const event = toEvent(row);
    try {
      await this.events.publish(event);
      await this.hostEmitter()?.emitAsync(eventEmitterName(event.type), event);
    } catch {
      const attempts = Number(row.attempts) + 1;
      await this.outbox.failed(id, attempts, nextTryAt(OUTBOX_BACKOFF, { attempts }));
      report.failed.push(id);
      return;
    }
    await this.outbox.delivered(id, new Date());
    report.delivered.push(id);
  }
}

function toEvent(row: OutboxRow): ScanTransactionEvent {
  return {
    id: row.id,
    type: row.event_type as ScanTransactionEventType,
    transactionId: row.scan_transaction_id,
    userId: row.user_id,
    scanType: row.scan_type as ScanType,
    stepCode: STEP_CODE_OF[row.scan_type as ScanType],
    decision: (row.decision ?? null) as VerificationDecision | null,
    // Like OutboxWriter: an unreadable value becomes no reasons rather than a pass that fails forever
    // and holds back the transaction's later events.
    reasons: parseReasons(row.reasons),
    occurredAt:
      row.occurred_at instanceof Date
        ? row.occurred_at
        : new Date(`${row.occurred_at.replace(' ', 'T')}Z`),
  };
}
