import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background work of the trust layer: reconciliation bookkeeping on the scan transaction (when to check
 * it next through the Retrieval API, and a lease so one instance at a time does it) and the outbox of
 * lifecycle events for the host. Portable SQL for PostgreSQL and SQLite (partial indexes and
 * `ADD COLUMN` with a constant default work on both).
 */
export class AddJumioReconciliationAndOutbox1764170000000 implements MigrationInterface {
  name = 'AddJumioReconciliationAndOutbox1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const columns = [
      `"next_check_at" ${ts}`,
      `"check_count" integer NOT NULL DEFAULT 0`,
      `"check_basis" varchar(40)`,
      `"last_checked_at" ${ts}`,
      `"claimed_until" ${ts}`,
    ];
    for (const column of columns) {
      await queryRunner.query(`ALTER TABLE "jumio_scan_transaction" ADD COLUMN ${column}`);
    }
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_scan_transaction_next_check" ON "jumio_scan_transaction" ("next_check_at") WHERE "open_key" IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "jumio_outbox_event" (
        "id" varchar(36) NOT NULL,
        "scan_transaction_id" varchar(36) NOT NULL,
        "user_id" varchar(255) NOT NULL,
        "scan_type" varchar(3) NOT NULL,
        "event_type" varchar(16) NOT NULL,
        "decision" varchar(8),
        "reasons" text NOT NULL,
        "occurred_at" ${ts} NOT NULL,
        "next_attempt_at" ${ts} NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "claimed_until" ${ts},
        "delivered_at" ${ts},
        CONSTRAINT "PK_jumio_outbox_event" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_jumio_outbox_event_type" CHECK ("event_type" IN
          ('started', 'uploaded', 'verified', 'rejected', 'retry', 'expired'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_outbox_event_pending" ON "jumio_outbox_event" ("next_attempt_at") WHERE "delivered_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "jumio_outbox_event"`);
    await queryRunner.query(`DROP INDEX "IDX_jumio_scan_transaction_next_check"`);
    for (const column of [
      'claimed_until',
      'last_checked_at',
      'check_basis',
      'check_count',
      'next_check_at',
    ]) {
      await queryRunner.query(`ALTER TABLE "jumio_scan_transaction" DROP COLUMN "${column}"`);
    }
  }
}
