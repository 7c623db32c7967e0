import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** Runs one fixed SQL statement with fresh parameters and returns its rows (also `… RETURNING`). */
export type PreparedQuery<Row> = (params: unknown[]) => Promise<Row[]>;

/**
 * A statement of the module's hot paths (status read, callback insert), written once with `?`
 * placeholders. On PostgreSQL it goes straight to the pool behind TypeORM's driver as a *named* prepared
 * statement, so each connection parses and plans it once (TypeORM's `query()` sends unnamed statements,
 * planned on every call, through a query runner per call); on SQLite TypeORM's better-sqlite3 driver
 * caches the prepared statement itself. `name` must be unique within the module.
 */
export function preparedQuery<Row>(
  dataSource: DataSource,
  name: string,
  sql: string,
): PreparedQuery<Row> {
  if (dataSource.options.type === 'postgres') {
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    // The pool of the primary, where writes go: a read right after a change sees it. Looked up per call:
    // it exists once the DataSource is initialised, and is replaced if that happens again.
    const driver = dataSource.driver as unknown as { master: Pool };
    return async (values) => (await driver.master.query({ name, text, values })).rows as Row[];
  }
  return async (params) => {
    const rows: unknown = await dataSource.query(sql, params);
    return Array.isArray(rows) ? (rows as Row[]) : [];
  };
}
