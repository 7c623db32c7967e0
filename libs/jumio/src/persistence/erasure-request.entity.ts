import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request to erase one user's personal data, here and at Jumio. Kept after completion as the record that
 * it was done. While open, `open_key` holds the user id (UNIQUE): one open request per user.
 */
@Entity('jumio_erasure_request')
export class ErasureRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 255 })
  userId: string;

  @Column({ name: 'open_key', type: 'varchar', length: 255, nullable: true })
  openKey: string | null;

  @Column({ name: 'requested_at', type: Date })
  requestedAt: Date;

  /** When Jumio confirmed (or no longer held) every scan; NULL while deletion at Jumio is pending. */
  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt: Date | null;

  /** Rounds of Delete API calls made so far. */
  @Column({ type: 'integer' })
  attempts: number;

  /** When the background job may try again; also the claim of the instance working on it. */
  @Column({ name: 'next_attempt_at', type: Date, nullable: true })
  nextAttemptAt: Date | null;

  /** The JumioErrorCode of the last failed round (never a message: it could name a host or reference). */
  @Column({ name: 'last_error_code', type: 'varchar', length: 32, nullable: true })
  lastErrorCode: string | null;

  /** Jumio scans of this user deleted (or already gone) at the last round, out of `scansTotal`. */
  @Column({ name: 'scans_deleted', type: 'integer' })
  scansDeleted: number;

  @Column({ name: 'scans_total', type: 'integer' })
  scansTotal: number;
}
