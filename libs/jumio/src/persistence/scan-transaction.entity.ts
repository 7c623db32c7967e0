import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { VerificationDecision } from './verification.types';
import type { ScanChannel, ScanStatus, ScanType } from './scan-transaction.types';

/**
 * One attempt of one user at one step (POI or POA). Created by the migrations, never by `synchronize`.
 *
 * Timestamps use `type: Date`: TypeORM maps it to `datetime` on SQLite and `timestamp` on PostgreSQL, and
 * converts values the same way for `timestamptz`, which is what the PostgreSQL migration creates.
 */
@Entity('jumio_scan_transaction')
export class ScanTransaction {
  /** Generated in code (crypto.randomUUID) so both drivers behave the same. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 255 })
  userId: string;

  @Column({ type: 'varchar', length: 3 })
  type: ScanType;

  @Column({ type: 'varchar', length: 6, nullable: true })
  channel: ScanChannel | null;

  @Column({ type: 'varchar', length: 16 })
  status: ScanStatus;

  /** Jumio's transaction / scan reference; NULL until Jumio (web) or the app (mobile) tells us. */
  @Column({ name: 'jumio_reference', type: 'varchar', length: 36, nullable: true })
  jumioReference: string | null;

  /** Opaque per-transaction reference sent to Jumio (merchantIdScanReference / merchantScanReference). */
  @Column({ name: 'customer_internal_reference', type: 'varchar', length: 100 })
  customerInternalReference: string;

  /** Opaque per-user reference sent to Jumio (customerId); never the user id itself. */
  @Column({ name: 'user_reference', type: 'varchar', length: 100 })
  userReference: string;

  /** SHA-256 (hex) of the callback URL's path token; the token itself is never stored. */
  @Column({ name: 'callback_token_hash', type: 'varchar', length: 64 })
  callbackTokenHash: string;

  /** SHA-256 of what a web start asked for (URLs, locale, document); decides whether a start can reuse. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64, nullable: true })
  requestFingerprint: string | null;

  @Column({ name: 'redirect_url', type: 'text', nullable: true })
  redirectUrl: string | null;

  @Column({ name: 'token_expires_at', type: Date, nullable: true })
  tokenExpiresAt: Date | null;

  /** POA: Jumio DV document type code. POI mobile: the optional ID type preset. */
  @Column({ name: 'document_type', type: 'varchar', length: 16, nullable: true })
  documentType: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  locale: string | null;

  /** Error code the client reported with status ERROR (Jumio web 9xxx or SDK code). */
  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true })
  errorCode: string | null;

  /** 1 + the number of earlier attempts of this user and type that ended with decision RETRY. */
  @Column({ type: 'integer' })
  attempt: number;

  /** NULL until the upload is finished; PENDING while Jumio checks; then the applied decision. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  decision: VerificationDecision | null;

  @Column({ name: 'jumio_status', type: 'varchar', length: 64, nullable: true })
  jumioStatus: string | null;

  /** JSON array of machine-readable reasons. */
  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt: Date | null;

  /**
   * `${userId}:${type}` while the transaction is open, NULL once closed. A UNIQUE column: at most one open
   * transaction per user and type, on PostgreSQL and SQLite alike (NULLs never collide).
   */
  @Column({ name: 'open_key', type: 'varchar', length: 300, nullable: true })
  openKey: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;

  /** Every update is guarded by `WHERE version = :seen` and bumps it. */
  @VersionColumn()
  version: number;
}
