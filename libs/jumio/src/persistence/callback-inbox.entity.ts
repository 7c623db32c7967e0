import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplyOutcome } from './scan-transaction.types';

export type CallbackOutcome = ApplyOutcome | 'INVALID';

/** Every callback Jumio posted for a known token, stored before it is processed. */
@Entity('jumio_callback_inbox')
export class CallbackInboxEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;

  /** The reference the callback claims (jumioIdScanReference / scanReference), if shaped like one. */
  @Column({ name: 'jumio_reference', type: 'varchar', length: 36, nullable: true })
  jumioReference: string | null;

  @Column({ name: 'scan_transaction_id', type: 'varchar', length: 36, nullable: true })
  scanTransactionId: string | null;

  /**
   * The raw form as JSON without image links, encrypted (PersonalDataCipher). Emptied ('') once processed,
   * or by the retention job after `retention.rawCallbackHours`.
   */
  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'processed_at', type: Date, nullable: true })
  processedAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: CallbackOutcome | null;

  /** For INVALID: the form field that failed to parse (never its value). */
  @Column({ name: 'error_field', type: 'varchar', length: 64, nullable: true })
  errorField: string | null;

  /** Lease of the inbox worker working on it; after a failed try, when the next one may start. */
  @Column({ name: 'claimed_until', type: Date, nullable: true })
  claimedUntil?: Date | null;
}
