import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each reconciliation pass first restarts the schedules whose basis changed (see ReconciliationService
 * `restartChangedSchedules`). Without these partial indexes that is a scan of every open transaction every
 * pass (1M open rows: a full table scan each 15 s). The indexes hold only the rows such a pass must touch:
 * open rows whose `check_basis` is stale (new ones, or whose state moved on since), and uploaded POAs
 * waiting for the user's POI result. Their predicates repeat the queries' conditions word for word, which
 * is what lets PostgreSQL and SQLite use a partial index. Portable SQL for both.
 */
export class AddJumioReconciliationResetIndexes1764200000000 implements MigrationInterface {
  name = 'AddJumioReconciliationResetIndexes1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_scan_transaction_stale_check_basis" ON "jumio_scan_transaction" ("id")
       WHERE open_key IS NOT NULL
         AND (check_basis IS NULL OR check_basis <> status || '|' || CASE WHEN jumio_reference IS NULL THEN '-' ELSE 'R' END)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_scan_transaction_poa_awaiting_poi" ON "jumio_scan_transaction" ("user_id")
       WHERE type = 'POA' AND open_key IS NOT NULL AND status = 'SUCCESS'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_jumio_scan_transaction_poa_awaiting_poi"`);
    await queryRunner.query(`DROP INDEX "IDX_jumio_scan_transaction_stale_check_basis"`);
  }
}
