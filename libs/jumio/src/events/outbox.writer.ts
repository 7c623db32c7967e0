import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { parseReasons } from '../transaction/scan-transaction.rules';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { OUTBOX_TABLE } from '../persistence/outbox-table';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';
import type { ScanTransactionEventType } from './scan-transaction-event';
export { OUTBOX_TABLE };

/**
 * Writes lifecycle events into the outbox table. Always called with the entity manager of the database
 * transaction that makes the state change, so the event exists exactly when the change does.
 */
@Injectable()
export class OutboxWriter {
  private readonly dialect: SqlDialect;

  constructor(dataSource: DataSource) {
    this.dialect = sqlDialect(dataSource);
  }

  /** `after` is the transaction as the change leaves it. */
  async append(
    manager: EntityManager,
    type: ScanTransactionEventType,
    after: ScanTransaction,
    occurredAt: Date,
  ): Promise<void> {
    const at = this.dialect.time(occurredAt);
    await this.dialect.rows(
      manager,
      `INSERT INTO ${OUTBOX_TABLE} (id, scan_transaction_id, user_id, scan_type, event_type, decision,
         reasons, occurred_at, next_attempt_at, attempts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      [
        randomUUID(),
        after.id,
        after.userId,
        after.type,
        type,
        after.decision ?? null,
        JSON.stringify(parseReasons(after.reasons)),
        at,
        at,
      ],
    );
  }
}
