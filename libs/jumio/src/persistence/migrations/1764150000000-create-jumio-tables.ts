import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The three Jumio tables. One migration for both databases rather than two families: the schema is the
 * same and only the timestamp type differs (`timestamptz` on PostgreSQL, `datetime` on SQLite), so one
 * class cannot drift. Everything else is portable SQL: varchar/integer/text, named UNIQUE and CHECK
 * constraints, and `open_key` (NULL once closed) for "one open transaction per user and type".
 */
export class CreateJumioTables1764150000000 implements MigrationInterface {
  name = 'CreateJumioTables1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';

    await queryRunner.query(`
      CREATE TABLE "jumio_scan_transaction" (
        "id" varchar(36) NOT NULL,
        "user_id" varchar(255) NOT NULL,
        "type" varchar(3) NOT NULL,
        "channel" varchar(6),
        "status" varchar(16) NOT NULL,
        "jumio_reference" varchar(36),
        "customer_internal_reference" varchar(100) NOT NULL,
        "user_reference" varchar(100) NOT NULL,
        "callback_token_hash" varchar(64) NOT NULL,
        "request_fingerprint" varchar(64),
        "redirect_url" text,
        "token_expires_at" ${ts},
        "document_type" varchar(16),
        "country" varchar(3),
        "locale" varchar(5),
        "error_code" varchar(32),
        "attempt" integer NOT NULL,
        "decision" varchar(8),
        "jumio_status" varchar(64),
        "reasons" text,
        "completed_at" ${ts},
        "open_key" varchar(300),
        "created_at" ${ts} NOT NULL,
        "updated_at" ${ts} NOT NULL,
        "version" integer NOT NULL,
        CONSTRAINT "PK_jumio_scan_transaction" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_jumio_scan_transaction_jumio_reference" UNIQUE ("jumio_reference"),
        CONSTRAINT "UQ_jumio_scan_transaction_customer_ref" UNIQUE ("customer_internal_reference"),
        CONSTRAINT "UQ_jumio_scan_transaction_callback_token" UNIQUE ("callback_token_hash"),
        CONSTRAINT "UQ_jumio_scan_transaction_open_key" UNIQUE ("open_key"),
        CONSTRAINT "CHK_jumio_scan_transaction_type" CHECK ("type" IN ('POI', 'POA')),
        CONSTRAINT "CHK_jumio_scan_transaction_channel" CHECK ("channel" IN ('WEB', 'MOBILE')),
        CONSTRAINT "CHK_jumio_scan_transaction_status"
          CHECK ("status" IN ('NOT_STARTED_YET', 'PENDING', 'SUCCESS')),
        CONSTRAINT "CHK_jumio_scan_transaction_decision"
          CHECK ("decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY')),
        CONSTRAINT "CHK_jumio_scan_transaction_attempt" CHECK ("attempt" >= 1)
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_scan_transaction_user_type" ON "jumio_scan_transaction" ("user_id", "type", "created_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "jumio_verification_result" (
        "id" varchar(36) NOT NULL,
        "scan_transaction_id" varchar(36) NOT NULL,
        "source" varchar(16) NOT NULL,
        "jumio_status" varchar(64) NOT NULL,
        "decision" varchar(8) NOT NULL,
        "reasons" text NOT NULL,
        "extracted_data" text,
        "reported_at" ${ts},
        "created_at" ${ts} NOT NULL,
        CONSTRAINT "PK_jumio_verification_result" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_jumio_verification_result_transaction" UNIQUE ("scan_transaction_id"),
        CONSTRAINT "FK_jumio_verification_result_transaction" FOREIGN KEY ("scan_transaction_id")
          REFERENCES "jumio_scan_transaction" ("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_jumio_verification_result_source" CHECK ("source" IN ('CALLBACK', 'RETRIEVAL')),
        CONSTRAINT "CHK_jumio_verification_result_decision"
          CHECK ("decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY'))
      )`);

    await queryRunner.query(`
      CREATE TABLE "jumio_callback_inbox" (
        "id" varchar(36) NOT NULL,
        "received_at" ${ts} NOT NULL,
        "jumio_reference" varchar(36),
        "scan_transaction_id" varchar(36),
        "payload" text NOT NULL,
        "processed_at" ${ts},
        "outcome" varchar(24),
        "error_field" varchar(64),
        CONSTRAINT "PK_jumio_callback_inbox" PRIMARY KEY ("id"),
        CONSTRAINT "FK_jumio_callback_inbox_transaction" FOREIGN KEY ("scan_transaction_id")
          REFERENCES "jumio_scan_transaction" ("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_jumio_callback_inbox_outcome" CHECK ("outcome" IN
          ('APPLIED', 'DUPLICATE', 'IGNORED_STALE', 'UNKNOWN_REFERENCE', 'INVALID'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_callback_inbox_transaction" ON "jumio_callback_inbox" ("scan_transaction_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "jumio_callback_inbox"`);
    await queryRunner.query(`DROP TABLE "jumio_verification_result"`);
    await queryRunner.query(`DROP TABLE "jumio_scan_transaction"`);
  }
}
