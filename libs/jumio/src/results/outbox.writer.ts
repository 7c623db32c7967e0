import { Injectable } from '@nestjs/common';
import { parseReasons } from '../transaction/scan-transaction.rules';
import type { DbSession } from '../persistence/database-engine';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { OutboxRepository } from '../persistence/outbox.repository';
import type { ScanTransactionEventType } from '../transaction/scan-transaction-event';

/**
 * Writes lifecycle events into the outbox table. Always called with the session of the database
 * transaction that makes the state change, so the event exists exactly when the change does.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly outbox: OutboxRepository) {}

  /** `after` is the transaction as the change leaves it. */
  async append(
    session: DbSession,
    type: ScanTransactionEventType,
    after: ScanTransaction,
    occurredAt: Date,
  ): Promise<void> {
    await this.outbox.append(session, {
      scanTransactionId: after.id,
      userId: after.userId,
      scanType: after.type,
      eventType: type,
      decision: after.decision ?? null,
      reasons: JSON.stringify(parseReasons(after.reasons)),
      occurredAt,
    });
  }
}
