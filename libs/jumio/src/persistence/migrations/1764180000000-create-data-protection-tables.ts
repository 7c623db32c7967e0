import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail and the erasure requests (data protection). Same approach as CreateJumioTables1764150000000: one
 * class for both databases, only the timestamp type differs.
 */
export class CreateDataProtectionTables1764180000000 implements MigrationInterface {
  name = 'CreateDataProtectionTables1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';

    await queryRunner.query(`
      CREATE TABLE "jumio_audit_event" (
        "id" varchar(36) NOT NULL,
        "scan_transaction_id" varchar(36) NOT NULL,
        "occurred_at" ${ts} NOT NULL,
        "cause" varchar(16) NOT NULL,
        "action" varchar(32) NOT NULL,
        "previous_status" varchar(16),
        "new_status" varchar(16),
        "previous_decision" varchar(8),
        "new_decision" varchar(8),
        CONSTRAINT "PK_jumio_audit_event" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_jumio_audit_event_cause"
          CHECK ("cause" IN ('CLIENT_ROUTE', 'CALLBACK', 'RECONCILIATION', 'RETENTION', 'ERASURE')),
        CONSTRAINT "CHK_jumio_audit_event_action" CHECK ("action" IN
          ('STATE_CHANGED', 'PERSONAL_DATA_PURGED', 'PERSONAL_DATA_ERASED', 'JUMIO_SCAN_DELETED'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_audit_event_transaction" ON "jumio_audit_event" ("scan_transaction_id", "occurred_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "jumio_erasure_request" (
        "id" varchar(36) NOT NULL,
        "user_id" varchar(255) NOT NULL,
        "open_key" varchar(255),
        "requested_at" ${ts} NOT NULL,
        "completed_at" ${ts},
        "attempts" integer NOT NULL,
        "next_attempt_at" ${ts},
        "last_error_code" varchar(32),
        "scans_deleted" integer NOT NULL,
        "scans_total" integer NOT NULL,
        CONSTRAINT "PK_jumio_erasure_request" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_jumio_erasure_request_open_key" UNIQUE ("open_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_erasure_request_user" ON "jumio_erasure_request" ("user_id", "requested_at")`,
    );
    // Retention scans results by age; the purge must not walk the whole table on every run.
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_verification_result_created" ON "jumio_verification_result" ("created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_jumio_verification_result_created"`);
    await queryRunner.query(`DROP TABLE "jumio_erasure_request"`);
    await queryRunner.query(`DROP TABLE "jumio_audit_event"`);
  }
}
