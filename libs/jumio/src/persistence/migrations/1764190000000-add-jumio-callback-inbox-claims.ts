import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Callbacks are answered once stored and processed by an inbox worker: a lease column so one instance at
 * a time works on a callback (and a failed one waits before its next try), and a partial index on the
 * callbacks still to process, so the worker's idle check reads an empty index instead of the table.
 */
export class AddJumioCallbackInboxClaims1764190000000 implements MigrationInterface {
  name = 'AddJumioCallbackInboxClaims1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.query(`ALTER TABLE "jumio_callback_inbox" ADD COLUMN "claimed_until" ${ts}`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_callback_inbox_unprocessed" ON "jumio_callback_inbox" ("received_at") WHERE "processed_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_jumio_callback_inbox_unprocessed"`);
    await queryRunner.query(`ALTER TABLE "jumio_callback_inbox" DROP COLUMN "claimed_until"`);
  }
}
