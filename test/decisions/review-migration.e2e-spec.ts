import { JUMIO_MIGRATIONS } from '@app/jumio';
import { DataSource } from 'typeorm';
import { createTestDatabase, DATABASES, type TestDatabase } from '../support/create-test-app';

const REVIEW_MIGRATION = 'AddJumioManualReview1764300000000';

/**
 * The manual-review migration on a database that already holds data: every row, index and foreign key
 * survives (SQLite rebuilds the tables whose CHECK constraints widen), the new values are admitted, values
 * outside them are still refused, and `down` restores the old constraints.
 */
describe.each(DATABASES)('manual review migration on existing data (%s)', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const open = (migrations: typeof JUMIO_MIGRATIONS) =>
    new DataSource({ ...database.options, migrations, logging: false }).initialize();
  const q = (sql: string): Promise<unknown> => dataSource.query(sql);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const before = JUMIO_MIGRATIONS.filter((migration) => migration.name !== REVIEW_MIGRATION);
    dataSource = await open(before);
    await dataSource.runMigrations();
    const now = kind === 'postgres' ? 'now()' : "'2026-01-01 00:00:00.000'";
    await dataSource.query(`INSERT INTO "jumio_scan_transaction" ("id", "user_id", "type", "status",
      "customer_internal_reference", "user_reference", "callback_token_hash", "attempt", "decision",
      "reasons", "created_at", "updated_at", "version")
      VALUES ('tx-1', 'u-1', 'POI', 'SUCCESS', 'cir-1', 'ur-1', 'hash-1', 1, 'APPROVED', '[]', ${now}, ${now}, 1)`);
    await dataSource.query(`INSERT INTO "jumio_verification_result" ("id", "scan_transaction_id", "source",
      "jumio_status", "decision", "reasons", "created_at")
      VALUES ('vr-1', 'tx-1', 'CALLBACK', 'APPROVED_VERIFIED', 'APPROVED', '[]', ${now})`);
    await dataSource.query(`INSERT INTO "jumio_audit_event" ("id", "scan_transaction_id", "occurred_at",
      "cause", "action", "new_status", "new_decision")
      VALUES ('ae-1', 'tx-1', ${now}, 'CALLBACK', 'STATE_CHANGED', 'SUCCESS', 'APPROVED')`);
    await dataSource.query(`INSERT INTO "jumio_outbox_event" ("id", "scan_transaction_id", "user_id",
      "scan_type", "event_type", "decision", "reasons", "occurred_at", "next_attempt_at")
      VALUES ('oe-1', 'tx-1', 'u-1', 'POI', 'verified', 'APPROVED', '[]', ${now}, ${now})`);
    await dataSource.destroy();
    dataSource = await open(JUMIO_MIGRATIONS);
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.stop();
  });

  it('keeps every row', async () => {
    expect(await q(`SELECT "id", "decision" FROM "jumio_scan_transaction"`)).toEqual([
      { id: 'tx-1', decision: 'APPROVED' },
    ]);
    expect(await q(`SELECT "id" FROM "jumio_verification_result"`)).toEqual([{ id: 'vr-1' }]);
    expect(await q(`SELECT "id", "actor_id" FROM "jumio_audit_event"`)).toEqual([
      { id: 'ae-1', actor_id: null },
    ]);
    expect(await q(`SELECT "id" FROM "jumio_outbox_event"`)).toEqual([{ id: 'oe-1' }]);
  });

  it('keeps the indexes of the rebuilt tables', async () => {
    const indexes =
      kind === 'postgres'
        ? await q(`SELECT indexname AS name FROM pg_indexes WHERE tablename LIKE 'jumio_%'`)
        : await q(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`);
    expect((indexes as Array<{ name: string }>).map((index) => index.name)).toEqual(
      expect.arrayContaining([
        'IDX_jumio_scan_transaction_user_type',
        'IDX_jumio_scan_transaction_next_check',
        'IDX_jumio_scan_transaction_stale_check_basis',
        'IDX_jumio_scan_transaction_poa_awaiting_poi',
        'IDX_jumio_audit_event_transaction',
        'IDX_jumio_outbox_event_pending',
        'IDX_jumio_verification_result_created',
        'IDX_jumio_review_state',
      ]),
    );
  });

  it('admits REVIEW, review-required and REVIEWER, and still refuses anything else', async () => {
    await q(`UPDATE "jumio_scan_transaction" SET "decision" = 'REVIEW' WHERE "id" = 'tx-1'`);
    await q(`UPDATE "jumio_outbox_event" SET "event_type" = 'review-required' WHERE "id" = 'oe-1'`);
    await q(`UPDATE "jumio_audit_event" SET "cause" = 'REVIEWER', "action" = 'REVIEW_PROPOSED',
      "actor_id" = 'anna', "reason" = 'CHECKED' WHERE "id" = 'ae-1'`);
    await expect(
      q(`UPDATE "jumio_scan_transaction" SET "decision" = 'MAYBE' WHERE "id" = 'tx-1'`),
    ).rejects.toThrow(/CHECK|check constraint/i);
    await expect(
      q(`UPDATE "jumio_audit_event" SET "cause" = 'SOMEONE' WHERE "id" = 'ae-1'`),
    ).rejects.toThrow(/CHECK|check constraint/i);
  });

  it('still cascades a transaction’s deletion to its result (foreign keys intact)', async () => {
    if (kind === 'sqlite') await q('PRAGMA foreign_keys = ON');
    await q(`DELETE FROM "jumio_scan_transaction" WHERE "id" = 'tx-1'`);
    expect(await q(`SELECT "id" FROM "jumio_verification_result"`)).toEqual([]);
  });

  it('goes down to the old constraints and up again', async () => {
    await dataSource.undoLastMigration();
    await expect(q(`SELECT 1 FROM "jumio_review"`)).rejects.toThrow();
    await dataSource.runMigrations();
    expect(await q(`SELECT count(*) AS n FROM "jumio_review"`)).toEqual([
      { n: kind === 'postgres' ? '0' : 0 },
    ]);
  });
});
