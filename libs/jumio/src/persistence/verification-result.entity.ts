import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VerificationDecision } from './verification.types';
import type { ResultSource } from './scan-transaction.types';

/**
 * Jumio's result for one scan transaction, as reported (before the attempt limit). UNIQUE per transaction:
 * the first result stored is final, duplicates insert nothing.
 */
@Entity('jumio_verification_result')
export class VerificationResult {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'scan_transaction_id', type: 'varchar', length: 36 })
  scanTransactionId: string;

  @Column({ type: 'varchar', length: 16 })
  source: ResultSource;

  @Column({ name: 'jumio_status', type: 'varchar', length: 64 })
  jumioStatus: string;

  @Column({ type: 'varchar', length: 8 })
  decision: VerificationDecision;

  /** JSON array of machine-readable reasons. */
  @Column({ type: 'text' })
  reasons: string;

  /** JSON of ExtractedData. All personal data lives in this one column (to be encrypted later). */
  @Column({ name: 'extracted_data', type: 'text', nullable: true })
  extractedData: string | null;

  @Column({ name: 'reported_at', type: Date, nullable: true })
  reportedAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
