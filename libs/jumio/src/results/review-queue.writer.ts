import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { parseReasons } from '../transaction/scan-transaction.rules';
import { ManualReview } from '../persistence/manual-review.entity';

/** Opens the review of a transaction that just became REVIEW, inside the caller's database transaction. */
export async function openReview(
  manager: EntityManager,
  tx: ScanTransaction,
  now: Date,
): Promise<void> {
  await manager.insert(ManualReview, {
    id: randomUUID(),
    scanTransactionId: tx.id,
    userId: tx.userId,
    scanType: tx.type,
    reasons: JSON.stringify(parseReasons(tx.reasons)),
    state: 'OPEN',
    openedAt: now,
    proposedDecision: null,
    proposedBy: null,
    proposedReason: null,
    proposedAt: null,
    decision: null,
    decidedBy: null,
    confirmedBy: null,
    decisionReason: null,
    decidedAt: null,
    version: 1,
  });
}
