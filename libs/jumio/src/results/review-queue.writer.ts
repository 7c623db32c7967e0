import { randomUUID } from 'node:crypto';
import type { DbSession } from '../persistence/database-engine';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { parseReasons } from '../transaction/scan-transaction.rules';
import { insertManualReview } from '../persistence/manual-review.repository';

/** Opens the review of a transaction that just became REVIEW, inside the caller's database transaction. */
export async function openReview(
  session: DbSession,
  tx: ScanTransaction,
  now: Date,
): Promise<void> {
  await insertManualReview(session, {
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
