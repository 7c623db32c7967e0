import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KYX (jumio/kyx): one Jumio account per user, and which scan transactions run on KYX (with their
 * account). Additive only: legacy transactions have no row and keep running on legacy.
 */
export class CreateJumioKyxTables1764400000000 implements MigrationInterface {
  name = 'CreateJumioKyxTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.query(`
      CREATE TABLE "jumio_kyx_account" (
        "user_id" varchar(255) NOT NULL,
        "account_id" varchar(36) NOT NULL,
        "created_at" ${ts} NOT NULL,
        "updated_at" ${ts} NOT NULL,
        CONSTRAINT "PK_jumio_kyx_account" PRIMARY KEY ("user_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "jumio_kyx_scan" (
        "scan_transaction_id" varchar(36) NOT NULL,
        "workflow_execution_id" varchar(36) NOT NULL,
        "account_id" varchar(36) NOT NULL,
        "created_at" ${ts} NOT NULL,
        CONSTRAINT "PK_jumio_kyx_scan" PRIMARY KEY ("scan_transaction_id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_jumio_kyx_scan_reference" ON "jumio_kyx_scan" ("workflow_execution_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "jumio_kyx_scan"`);
    await queryRunner.query(`DROP TABLE "jumio_kyx_account"`);
  }
}
