import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A CHECK constraint widened to admit new values (never narrowed: every stored row still satisfies it). */
interface CheckChange {
  table: string;
  constraint: string;
  /** The constraint's expression before and after, exactly as the earlier migration wrote it. */
  before: string;
  after: string;
}

const CHECK_CHANGES: CheckChange[] = [
  {
    table: 'jumio_scan_transaction',
    constraint: 'CHK_jumio_scan_transaction_decision',
    before: `"decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY')`,
    after: `"decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY', 'REVIEW')`,
  },
  {
    table: 'jumio_verification_result',
    constraint: 'CHK_jumio_verification_result_decision',
    before: `"decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY')`,
    after: `"decision" IN ('PENDING', 'APPROVED', 'REJECTED', 'RETRY', 'REVIEW')`,
  },
  {
    table: 'jumio_outbox_event',
    constraint: 'CHK_jumio_outbox_event_type',
    before: `"event_type" IN ('started', 'uploaded', 'verified', 'rejected', 'retry', 'expired')`,
    after: `"event_type" IN ('started', 'uploaded', 'verified', 'rejected', 'retry', 'expired', 'review-required')`,
  },
  {
    table: 'jumio_audit_event',
    constraint: 'CHK_jumio_audit_event_cause',
    before: `"cause" IN ('CLIENT_ROUTE', 'CALLBACK', 'RECONCILIATION', 'RETENTION', 'ERASURE')`,
    after: `"cause" IN ('CLIENT_ROUTE', 'CALLBACK', 'RECONCILIATION', 'RETENTION', 'ERASURE', 'REVIEWER')`,
  },
  {
    table: 'jumio_audit_event',
    constraint: 'CHK_jumio_audit_event_action',
    before: `"action" IN ('STATE_CHANGED', 'PERSONAL_DATA_PURGED', 'PERSONAL_DATA_ERASED', 'JUMIO_SCAN_DELETED')`,
    after: `"action" IN ('STATE_CHANGED', 'PERSONAL_DATA_PURGED', 'PERSONAL_DATA_ERASED', 'JUMIO_SCAN_DELETED', 'REVIEW_PROPOSED')`,
  },
];

/**
 * The manual review queue: decision REVIEW, the `review-required` event, reviewer entries in the audit trail
 * (cause REVIEWER, action REVIEW_PROPOSED, `actor_id` and `reason` columns), and the `jumio_review` table.
 * One class for both databases, like the others. PostgreSQL replaces the widened CHECK constraints in place;
 * SQLite cannot alter a constraint, so each table concerned is rebuilt from its own stored definition
 * (TypeORM turns foreign keys off around migrations), keeping every column, row and index it has, including
 * those later migrations of other features added.
 */
export class AddJumioManualReview1764300000000 implements MigrationInterface {
  name = 'AddJumioManualReview1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const ts = postgres ? 'timestamptz' : 'datetime';

    await queryRunner.query(`ALTER TABLE "jumio_audit_event" ADD COLUMN "actor_id" varchar(255)`);
    await queryRunner.query(`ALTER TABLE "jumio_audit_event" ADD COLUMN "reason" varchar(64)`);
    await changeChecks(queryRunner, postgres, 'up');

    await queryRunner.query(`
      CREATE TABLE "jumio_review" (
        "id" varchar(36) NOT NULL,
        "scan_transaction_id" varchar(36) NOT NULL,
        "user_id" varchar(255) NOT NULL,
        "scan_type" varchar(3) NOT NULL,
        "reasons" text NOT NULL,
        "state" varchar(16) NOT NULL,
        "opened_at" ${ts} NOT NULL,
        "proposed_decision" varchar(8),
        "proposed_by" varchar(255),
        "proposed_reason" varchar(64),
        "proposed_at" ${ts},
        "decision" varchar(8),
        "decided_by" varchar(255),
        "confirmed_by" varchar(255),
        "decision_reason" varchar(64),
        "decided_at" ${ts},
        "version" integer NOT NULL,
        CONSTRAINT "PK_jumio_review" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_jumio_review_transaction" UNIQUE ("scan_transaction_id"),
        CONSTRAINT "CHK_jumio_review_state" CHECK ("state" IN ('OPEN', 'AWAITING_SECOND', 'DECIDED')),
        CONSTRAINT "CHK_jumio_review_decision"
          CHECK ("decision" IN ('APPROVED', 'REJECTED', 'RETRY')),
        CONSTRAINT "CHK_jumio_review_proposed_decision"
          CHECK ("proposed_decision" IN ('APPROVED', 'REJECTED', 'RETRY'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_jumio_review_state" ON "jumio_review" ("state", "opened_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`DROP TABLE "jumio_review"`);
    // Rows using the new values would break the narrower constraints: they go back to what they replace.
    await queryRunner.query(
      `UPDATE "jumio_scan_transaction" SET "decision" = 'PENDING' WHERE "decision" = 'REVIEW'`,
    );
    await queryRunner.query(
      `UPDATE "jumio_verification_result" SET "decision" = 'PENDING' WHERE "decision" = 'REVIEW'`,
    );
    await queryRunner.query(
      `DELETE FROM "jumio_outbox_event" WHERE "event_type" = 'review-required'`,
    );
    await queryRunner.query(
      `DELETE FROM "jumio_audit_event" WHERE "cause" = 'REVIEWER' OR "action" = 'REVIEW_PROPOSED'`,
    );
    await changeChecks(queryRunner, postgres, 'down');
    await queryRunner.query(`ALTER TABLE "jumio_audit_event" DROP COLUMN "reason"`);
    await queryRunner.query(`ALTER TABLE "jumio_audit_event" DROP COLUMN "actor_id"`);
  }
}

async function changeChecks(
  queryRunner: QueryRunner,
  postgres: boolean,
  direction: 'up' | 'down',
): Promise<void> {
  const expression = (change: CheckChange) => (direction === 'up' ? change.after : change.before);
  if (postgres) {
    for (const change of CHECK_CHANGES) {
      await queryRunner.query(
        `ALTER TABLE "${change.table}" DROP CONSTRAINT "${change.constraint}",
           ADD CONSTRAINT "${change.constraint}" CHECK (${expression(change)})`,
      );
    }
    return;
  }
  const tables = [...new Set(CHECK_CHANGES.map((change) => change.table))];
  for (const table of tables) {
    const changes = CHECK_CHANGES.filter((change) => change.table === table);
    await rebuildSqliteTable(queryRunner, table, (definition) =>
      changes.reduce(
        (sql, change) => replaceCheck(sql, table, change.constraint, expression(change)),
        definition,
      ),
    );
  }
}

/** Replaces the expression of the named CHECK constraint in a stored CREATE TABLE statement. */
function replaceCheck(sql: string, table: string, constraint: string, expression: string): string {
  // CONSTRAINT "<name>" CHECK (<expression with one level of parentheses>)
  const pattern = new RegExp(`CONSTRAINT "${constraint}"\\s+CHECK\\s*\\((?:[^()]|\\([^()]*\\))*\\)`);
  if (!pattern.test(sql)) {
    throw new Error(`Migration: ${table} has no constraint ${constraint} to widen`);
  }
  return sql.replace(pattern, () => `CONSTRAINT "${constraint}" CHECK (${expression})`);
}

/**
 * SQLite's documented way to change a constraint: create the new table, copy the rows, drop the old one,
 * rename, recreate its indexes and triggers. The new definition is the stored one, edited; so columns that
 * other migrations added stay, in the same order.
 */
async function rebuildSqliteTable(
  queryRunner: QueryRunner,
  table: string,
  edit: (definition: string) => string,
): Promise<void> {
  const [stored] = (await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`,
    [table],
  )) as Array<{ sql: string }>;
  if (!stored) throw new Error(`Migration: table ${table} not found`);
  const companions = (await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
    [table],
  )) as Array<{ sql: string }>;
  const rebuilt = `${table}_rebuild`;
  const definition = edit(stored.sql).replace(
    /^CREATE TABLE\s+("[^"]+"|\S+)/i,
    `CREATE TABLE "${rebuilt}"`,
  );
  await queryRunner.query(definition);
  await queryRunner.query(`INSERT INTO "${rebuilt}" SELECT * FROM "${table}"`);
  await queryRunner.query(`DROP TABLE "${table}"`);
  await queryRunner.query(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`);
  for (const companion of companions) await queryRunner.query(companion.sql);
}
