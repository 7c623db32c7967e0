import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ScanStatus } from './scan-transaction.types';
import type { VerificationDecision } from './verification.types';

/**
 * What caused a change: the client's route, Jumio's callback, a retrieval re-check, the data-protection
 * jobs, or a reviewer of the manual review queue.
 */
export type AuditCause =
  'CLIENT_ROUTE' | 'CALLBACK' | 'RECONCILIATION' | 'RETENTION' | 'ERASURE' | 'REVIEWER';

/** What happened: the state moved, or personal data left (purged by retention, erased on request, deleted at Jumio). */
export type AuditAction =
  | 'STATE_CHANGED'
  | 'PERSONAL_DATA_PURGED'
  | 'PERSONAL_DATA_ERASED'
  | 'JUMIO_SCAN_DELETED'
  // Four-eyes review: the first reviewer's decision, applied once a second reviewer confirms it.
  | 'REVIEW_PROPOSED';

/**
 * One line of the audit trail of a scan transaction. Append-only, and free of the customer's personal data
 * by construction: only ids, enum words, reason codes and a time. No foreign key, so the trail outlives anything done to the transaction.
 */
@Entity('jumio_audit_event')
@Index('IDX_jumio_audit_event_transaction', ['scanTransactionId', 'occurredAt'])
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'scan_transaction_id', type: 'varchar', length: 36 })
  scanTransactionId: string;

  @Column({ name: 'occurred_at', type: Date })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 16 })
  cause: AuditCause;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Column({ name: 'previous_status', type: 'varchar', length: 16, nullable: true })
  previousStatus: ScanStatus | null;

  @Column({ name: 'new_status', type: 'varchar', length: 16, nullable: true })
  newStatus: ScanStatus | null;

  @Column({ name: 'previous_decision', type: 'varchar', length: 8, nullable: true })
  previousDecision: VerificationDecision | null;

  @Column({ name: 'new_decision', type: 'varchar', length: 8, nullable: true })
  newDecision: VerificationDecision | null;

  /** Cause REVIEWER: the reviewer's id as the host's `resolveReviewerId` gave it (bank staff, not the customer). */
  @Column({ name: 'actor_id', type: 'varchar', length: 255, nullable: true })
  actorId: string | null;

  /** Cause REVIEWER: the reviewer's reason code (`[A-Z0-9_]`, never free text). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;
}
