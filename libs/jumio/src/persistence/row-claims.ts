import type { DataSource } from 'typeorm';
import { runInTransaction } from './db-transaction';
import type { SqlDialect } from './sql-dialect';

/** Background work stored as rows with a `claimed_until` lease column. */
export interface ClaimSpec {
  /** Table name: a constant of this module, never input. */
  table: string;
  /** SQL condition, with `?` placeholders, for rows whose work is due (claims aside). */
  due: string;
  dueParams: unknown[];
  /** SQL ORDER BY expression: which due rows go first. */
  orderBy: string;
  batchSize: number;
  /** How long a claim keeps other instances away; the work must finish well within it. */
  leaseMs: number;
}

/**
 * Claims up to `batchSize` due rows for this instance, row by row, so that instances sharing the
 * database never work on the same row while a lease runs. PostgreSQL: one statement locking candidates
 * with `FOR UPDATE SKIP LOCKED` (concurrent claimers pass over each other's rows instead of waiting).
 * SQLite: a guarded `UPDATE … WHERE claimed_until IS NULL OR claimed_until < now` per candidate; only
 * the instance whose update changed the row owns it. Returns the ids claimed.
 */
export async function claimRows(
  dataSource: DataSource,
  dialect: SqlDialect,
  spec: ClaimSpec,
  now: Date,
): Promise<string[]> {
  const until = dialect.time(new Date(now.getTime() + spec.leaseMs));
  const free = '(claimed_until IS NULL OR claimed_until < ?)';
  const batch = Math.max(1, Math.floor(spec.batchSize));
  return runInTransaction(dataSource, async (manager) => {
    if (dialect.isPostgres) {
      const rows = await dialect.rows<{ id: string }>(
        manager,
        `UPDATE ${spec.table} SET claimed_until = ? WHERE id IN (
           SELECT id FROM ${spec.table} WHERE (${spec.due}) AND ${free}
           ORDER BY ${spec.orderBy} LIMIT ${batch} FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [until, ...spec.dueParams, dialect.time(now)],
      );
      return rows.map((row) => row.id);
    }
    const candidates = await dialect.rows<{ id: string }>(
      manager,
      `SELECT id FROM ${spec.table} WHERE (${spec.due}) AND ${free} ORDER BY ${spec.orderBy} LIMIT ${batch}`,
      [...spec.dueParams, dialect.time(now)],
    );
    const claimed: string[] = [];
    for (const { id } of candidates) {
      const won = await dialect.rows<{ id: string }>(
        manager,
        `UPDATE ${spec.table} SET claimed_until = ? WHERE id = ? AND ${free} RETURNING id`,
        [until, id, dialect.time(now)],
      );
      if (won.length === 1) claimed.push(id);
    }
    return claimed;
  });
}
