import type { FactoryProvider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DbSession } from './database-engine';
import { OUTBOX_TABLE } from './outbox-table';
import { runInTransaction } from './database-engine';
import { sqlDialect, type SqlDialect } from './database-engine';
import { WorkLeases } from './work-leases';

/** Only the oldest undelivered event of a transaction is due: events of one transaction stay in order. */
const OLDEST_OF_ITS_TRANSACTION = `NOT EXISTS (SELECT 1 FROM ${OUTBOX_TABLE} earlier
  WHERE earlier.scan_transaction_id = ${OUTBOX_TABLE}.scan_transaction_id
    AND earlier.delivered_at IS NULL AND earlier.occurred_at < ${OUTBOX_TABLE}.occurred_at)`;

/** An outbox row as stored. */
export interface OutboxRow {
  id: string;
  scan_transaction_id: string;
  user_id: string;
  scan_type: string;
  event_type: string;
  decision: string | null;
  reasons: string;
  occurred_at: Date | string;
  attempts: number | string;
}

/** A lifecycle event to append, as the outbox stores it. */
export interface NewOutboxEvent {
  scanTransactionId: string;
  userId: string;
  scanType: string;
  eventType: string;
  decision: string | null;
  /** JSON array of reason codes. */
  reasons: string;
  occurredAt: Date;
}

/**
 * Every statement on the outbox: the append (OutboxWriter, inside the transaction of the change it
 * announces; on the host's DataSource) and the relay's (built on the background DataSource).
 */
export class OutboxRepository {
  readonly leases: WorkLeases;
  private readonly dialect: SqlDialect;

  constructor(
    private readonly dataSource: DataSource,
    leaseMs?: number,
  ) {
    this.dialect = sqlDialect(dataSource);
    this.leases = new WorkLeases(dataSource, this.dialect, OUTBOX_TABLE, leaseMs);
  }

  /** Appends an event within `session`, due at once. */
  async append(session: DbSession, event: NewOutboxEvent): Promise<void> {
    const at = this.dialect.time(event.occurredAt);
    await this.dialect.rows(
      session,
      `INSERT INTO ${OUTBOX_TABLE} (id, scan_transaction_id, user_id, scan_type, event_type, decision,
         reasons, occurred_at, next_attempt_at, attempts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      [
        randomUUID(),
        event.scanTransactionId,
        event.userId,
        event.scanType,
        event.eventType,
        event.decision,
        event.reasons,
        at,
        at,
      ],
    );
  }

  /** Whether any event is due: one read of the pending-events index (the relay is idle most of the time). */
  anyDue(now: Date): Promise<boolean> {
    return this.leases.anyDue(
      { where: 'delivered_at IS NULL AND next_attempt_at <= ?', params: [this.dialect.time(now)] },
      now,
    );
  }

  /** Leases up to `size` due events, the oldest undelivered one of each transaction (held). */
  takeDue(now: Date, size: number): Promise<string[]> {
    return this.leases.take(
      {
        where: `delivered_at IS NULL AND next_attempt_at <= ? AND ${OLDEST_OF_ITS_TRANSACTION}`,
        params: [this.dialect.time(now)],
        orderBy: 'occurred_at',
        size,
      },
      now,
    );
  }

  async undelivered(id: string): Promise<OutboxRow | null> {
    const [row] = await this.dialect.rows<OutboxRow>(
      this.dataSource,
      `SELECT * FROM ${OUTBOX_TABLE} WHERE id = ? AND delivered_at IS NULL`,
      [id],
    );
    return row ?? null;
  }

  /** A failed delivery: counted, tried again from `retryAt`, lease ended. */
  failed(id: string, attempts: number, retryAt: Date): Promise<void> {
    return this.write(
      `UPDATE ${OUTBOX_TABLE} SET attempts = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?`,
      [attempts, this.dialect.time(retryAt), id],
    );
  }

  delivered(id: string, at: Date): Promise<void> {
    return this.write(
      `UPDATE ${OUTBOX_TABLE} SET delivered_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ?`,
      [this.dialect.time(at), id],
    );
  }

  private async write(sql: string, params: unknown[]): Promise<void> {
    await runInTransaction(this.dataSource, (manager) => this.dialect.rows(manager, sql, params));
  }
}

/** The outbox on the host's DataSource, where request-path changes append their events. */
export const OUTBOX_REPOSITORY_PROVIDER: FactoryProvider<OutboxRepository> = {
  provide: OutboxRepository,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) => new OutboxRepository(dataSource),
};
