import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SCAN_TYPES, type ScanType } from '../persistence/scan-transaction.types';
import {
  REVIEW_DECISIONS,
  REVIEW_STATES,
  type ReviewDecision,
  type ReviewState,
} from '../persistence/manual-review.entity';

/** Reason codes, not free text: the audit trail stays free of personal data (notes belong in the bank's case system). */
export const REVIEW_REASON_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Body of `!listReviews`. */
export class ListReviewsDto {
  /** Which reviews; default the undecided ones (OPEN and AWAITING_SECOND). */
  @IsOptional()
  @IsIn(REVIEW_STATES)
  state?: ReviewState;

  @IsOptional()
  @IsIn(SCAN_TYPES)
  scanType?: ScanType;

  /** At most this many, oldest first. Default 50, at most 200. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Body of `!decideReview`. The reviewer is the authenticated admin (`resolveReviewerId`), never the body. */
export class DecideReviewDto {
  @IsUUID()
  reviewId: string;

  /** APPROVED or REJECTED close the step; RETRY reopens it for the user (one more attempt). */
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  /** Why, as a code, e.g. `SCREENING_FALSE_POSITIVE`, `NAME_CHANGE_BY_MARRIAGE`, `DOCUMENT_UNREADABLE`. */
  @Matches(REVIEW_REASON_PATTERN, {
    message: '$property must be a reason code: A-Z, 0-9 and _, 2 to 64 characters',
  })
  reason: string;
}

export class ReviewProposal {
  decision: ReviewDecision;
  reviewerId: string;
  reason: string;
  /** ISO 8601. */
  proposedAt: string;
}

export class ReviewOutcome {
  decision: ReviewDecision;
  /** Who decided (four-eyes: who proposed). */
  decidedBy: string;
  /** Four-eyes: the second reviewer who confirmed. */
  confirmedBy: string | null;
  reason: string;
  /** ISO 8601. */
  decidedAt: string;
}

/**
 * One review as a reviewer sees it: what to look at (the reasons, Jumio's status and reference, to open the
 * transaction in Jumio's portal) and nothing of what Jumio read from the document.
 */
export class ReviewItem {
  reviewId: string;
  transactionId: string;
  /** The host's own user id. */
  userId: string;
  scanType: ScanType;
  state: ReviewState;
  /** Why a person must decide, e.g. IDENTITY_VERIFICATION_MISSING, WATCHLIST_HIT, MAX_ATTEMPTS_REACHED. */
  reasons: string[];
  /** Jumio's status word, e.g. APPROVED_VERIFIED. */
  jumioStatus: string | null;
  /** Jumio's reference of the scan (Jumio portal). */
  scanReference: string | null;
  /** Which attempt of the user this was. */
  attempt: number;
  /** ISO 8601. */
  openedAt: string;
  proposal: ReviewProposal | null;
  outcome: ReviewOutcome | null;
}

export class ReviewList {
  reviews: ReviewItem[];
}
