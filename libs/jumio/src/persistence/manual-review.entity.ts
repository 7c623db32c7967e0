import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ScanType } from './scan-transaction.types';
import type { VerificationDecision } from './verification.types';

/** OPEN: waits for a reviewer. AWAITING_SECOND: four-eyes, one reviewer proposed. DECIDED: applied. */
export type ReviewState = 'OPEN' | 'AWAITING_SECOND' | 'DECIDED';
export const REVIEW_STATES: readonly ReviewState[] = ['OPEN', 'AWAITING_SECOND', 'DECIDED'];

/** What a reviewer may decide: the step is approved, rejected, or reopens for the user. */
export type ReviewDecision = Extract<VerificationDecision, 'APPROVED' | 'REJECTED' | 'RETRY'>;
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['APPROVED', 'REJECTED', 'RETRY'];

/**
 * One entry of the manual review queue: a scan transaction whose decision is REVIEW. Opened in the same
 * database transaction that set the decision; free of the customer's personal data (ids, codes, times).
 */
@Entity('jumio_review')
@Index('IDX_jumio_review_state', ['state', 'openedAt'])
export class ManualReview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'scan_transaction_id', type: 'varchar', length: 36 })
  scanTransactionId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 255 })
  userId: string;

  @Column({ name: 'scan_type', type: 'varchar', length: 3 })
  scanType: ScanType;

  /** JSON array: why a person must decide (the transaction's reasons when it entered the queue). */
  @Column({ type: 'text' })
  reasons: string;

  @Column({ type: 'varchar', length: 16 })
  state: ReviewState;

  @Column({ name: 'opened_at', type: Date })
  openedAt: Date;

  /** Four-eyes: the first reviewer's decision, waiting for a second, different reviewer. */
  @Column({ name: 'proposed_decision', type: 'varchar', length: 8, nullable: true })
  proposedDecision: ReviewDecision | null;

  @Column({ name: 'proposed_by', type: 'varchar', length: 255, nullable: true })
  proposedBy: string | null;

  @Column({ name: 'proposed_reason', type: 'varchar', length: 64, nullable: true })
  proposedReason: string | null;

  @Column({ name: 'proposed_at', type: Date, nullable: true })
  proposedAt: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  decision: ReviewDecision | null;

  /** Who decided (four-eyes: who proposed); `confirmedBy` is the second reviewer. */
  @Column({ name: 'decided_by', type: 'varchar', length: 255, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 255, nullable: true })
  confirmedBy: string | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 64, nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt: Date | null;

  @VersionColumn()
  version: number;
}
