import { Inject, Injectable } from '@nestjs/common';
import { recordAuditEvent, type AuditDetail } from '../persistence/audit-trail';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { JumioDatabase, type DbSession } from '../persistence/database-engine';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { ScanTransactionRepository } from '../persistence/scan-transaction.repository';
import { ManualReviewRepository } from '../persistence/manual-review.repository';
import { parseReasons, type TransactionChanges } from '../transaction/scan-transaction.rules';
import { ConcurrentChangeError, ScanTransactionStore } from '../results/scan-transaction.store';
import type { ManualReview, ReviewDecision } from '../persistence/manual-review.entity';
import type { DecideReviewDto, ListReviewsDto, ReviewItem } from './review.dto';

/** Added to a transaction's reasons when a person decided it. */
export const MANUAL_REVIEW_REASON = 'MANUAL_REVIEW';

const DEFAULT_LIMIT = 50;

/**
 * The manual review queue: results a machine should not decide alone (decision REVIEW) wait here for a
 * reviewer at the bank. A decision is applied to the transaction in one database transaction with its audit
 * event (cause REVIEWER, the reviewer's id and reason code) and its outbox event. With
 * `manualReview.fourEyes`, the first decision is a proposal that a second, different reviewer must confirm
 * with the same decision; a different decision replaces the proposal and needs confirming in turn.
 */
@Injectable()
export class ReviewQueue {
  private readonly fourEyes: boolean;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly database: JumioDatabase,
    private readonly reviews: ManualReviewRepository,
    private readonly transactions: ScanTransactionRepository,
    private readonly store: ScanTransactionStore,
  ) {
    this.fourEyes = settings.review.fourEyes;
  }

  /** Reviews, oldest first; by default the undecided ones. */
  async list(filter: ListReviewsDto = {}): Promise<ReviewItem[]> {
    const reviews = await this.reviews.list(
      filter.state ? [filter.state] : ['OPEN', 'AWAITING_SECOND'],
      filter.scanType,
      filter.limit ?? DEFAULT_LIMIT,
    );
    if (reviews.length === 0) return [];
    const transactions = await this.transactions.findReviewColumns(
      reviews.map((review) => review.scanTransactionId),
    );
    const byId = new Map(transactions.map((tx) => [tx.id, tx]));
    return reviews.map((review) => toItem(review, byId.get(review.scanTransactionId) ?? null));
  }

  /** A reviewer decides (or, four-eyes, proposes or confirms). 404 unknown review, 409 already decided. */
  async decide(reviewerId: string, dto: DecideReviewDto): Promise<ReviewItem> {
    try {
      return await this.database.transaction((manager) =>
        this.decideWithin(manager, reviewerId, dto, new Date()),
      );
    } catch (error) {
      if (error instanceof ConcurrentChangeError) {
        throw new JumioError(
          JumioErrorCode.INVALID_STATE,
          'The review changed concurrently; list it again',
        );
      }
      throw error;
    }
  }

  private async decideWithin(
    manager: DbSession,
    reviewerId: string,
    dto: DecideReviewDto,
    now: Date,
  ): Promise<ReviewItem> {
    const review = await this.reviews.findById(manager, dto.reviewId);
    if (!review) throw new JumioError(JumioErrorCode.NOT_FOUND, 'There is no such review');
    if (review.state === 'DECIDED') {
      throw new JumioError(JumioErrorCode.INVALID_STATE, 'This review is decided already');
    }
    const tx = await this.transactions.findById(review.scanTransactionId, manager);
    if (!tx || tx.decision !== 'REVIEW') {
      throw new JumioError(JumioErrorCode.INVALID_STATE, 'The transaction is no longer in review');
    }
    const detail: AuditDetail = { actorId: reviewerId, reason: dto.reason };

    if (this.fourEyes) {
      const awaiting = review.state === 'AWAITING_SECOND';
      if (awaiting && review.proposedBy === reviewerId) {
        throw new JumioError(
          JumioErrorCode.INVALID_STATE,
          'Four-eyes review: a second, different reviewer must confirm this decision',
        );
      }
      if (!awaiting || review.proposedDecision !== dto.decision) {
        const proposed = await this.updateReview(manager, review, {
          state: 'AWAITING_SECOND',
          proposedDecision: dto.decision,
          proposedBy: reviewerId,
          proposedReason: dto.reason,
          proposedAt: now,
        });
        const state = { status: tx.status, decision: tx.decision };
        await recordAuditEvent(manager, {
          scanTransactionId: tx.id,
          cause: 'REVIEWER',
          action: 'REVIEW_PROPOSED',
          previous: state,
          next: state,
          at: now,
          detail,
        });
        return toItem(proposed, tx);
      }
    }

    const after = await this.store.changeWithin(
      manager,
      tx,
      reviewChanges(tx, dto.decision, now),
      now,
      'REVIEWER',
      detail,
    );
    const decided = await this.updateReview(manager, review, {
      state: 'DECIDED',
      decision: dto.decision,
      decidedBy: this.fourEyes ? review.proposedBy : reviewerId,
      confirmedBy: this.fourEyes ? reviewerId : null,
      decisionReason: this.fourEyes ? review.proposedReason : dto.reason,
      decidedAt: now,
    });
    return toItem(decided, after);
  }

  private async updateReview(
    manager: DbSession,
    review: ManualReview,
    changes: Partial<ManualReview>,
  ): Promise<ManualReview> {
    const changed = await this.reviews.updateIfVersion(manager, review.id, review.version, changes);
    if (!changed) throw new ConcurrentChangeError();
    return { ...review, ...changes, version: review.version + 1 };
  }
}

/** APPROVED / REJECTED close the step (SUCCESS); RETRY reopens it (NOT_STARTED_YET) for one more attempt. */
function reviewChanges(
  tx: ScanTransaction,
  decision: ReviewDecision,
  now: Date,
): TransactionChanges {
  return {
    decision,
    status: decision === 'RETRY' ? 'NOT_STARTED_YET' : 'SUCCESS',
    reasons: JSON.stringify([...parseReasons(tx.reasons), MANUAL_REVIEW_REASON]),
    // Reconciliation re-checks a proof of address waiting for this POI once completed_at moves.
    completedAt: now,
  };
}

function toItem(
  review: ManualReview,
  tx: Pick<ScanTransaction, 'jumioStatus' | 'jumioReference' | 'attempt'> | null,
): ReviewItem {
  return {
    reviewId: review.id,
    transactionId: review.scanTransactionId,
    userId: review.userId,
    scanType: review.scanType,
    state: review.state,
    reasons: parseReasons(review.reasons),
    jumioStatus: tx?.jumioStatus ?? null,
    scanReference: tx?.jumioReference ?? null,
    attempt: tx?.attempt ?? 0,
    openedAt: review.openedAt.toISOString(),
    proposal:
      review.state === 'AWAITING_SECOND' && review.proposedDecision && review.proposedBy
        ? {
            decision: review.proposedDecision,
            reviewerId: review.proposedBy,
            reason: review.proposedReason ?? '',
            proposedAt: review.proposedAt?.toISOString() ?? '',
          }
        : null,
    outcome:
      review.state === 'DECIDED' && review.decision && review.decidedBy
        ? {
            decision: review.decision,
            decidedBy: review.decidedBy,
            confirmedBy: review.confirmedBy,
            reason: review.decisionReason ?? '',
            decidedAt: review.decidedAt?.toISOString() ?? '',
          }
        : null,
  };
}
