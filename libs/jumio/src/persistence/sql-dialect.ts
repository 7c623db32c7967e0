import type { DataSource, EntityManager } from 'typeorm';

/**
 * The small differences between PostgreSQL and SQLite that raw SQL in this module meets: placeholders
 * (`$1` vs `?`), how a timestamp is bound (TypeORM stores SQLite `datetime` as UTC text
 * 'YYYY-MM-DD HH:MM:SS.SSS', which compares correctly as a string), and the shape of the driver's answer.
 * Updates that need to know what they changed use `RETURNING`, which both databases support.
 */
export interface SqlDialect {
  isPostgres: boolean;
  /** Runs SQL written with `?` placeholders and returns its rows (also for `UPDATE … RETURNING`). */
  rows<T>(runner: DataSource | EntityManager, sql: string, params?: unknown[]): Promise<T[]>;
  time(date: Date): Date | string;
}

export function sqlDialect(dataSource: DataSource): SqlDialect {
  const isPostgres = dataSource.options.type === 'postgres';
  return {
    isPostgres,
    rows: async <T>(runner: DataSource | EntityManager, sql: string, params: unknown[] = []) => {
      let index = 0;
      const text = isPostgres ? sql.replace(/\?/g, () => `$${++index}`) : sql;
      const raw: unknown = await runner.query(text, params);
      // TypeORM's pg runner answers UPDATE/DELETE with [rows, rowCount]; SELECT and SQLite with rows.
      if (
        isPostgres &&
        Array.isArray(raw) &&
        raw.length === 2 &&
        Array.isArray(raw[0]) &&
        typeof raw[1] === 'number'
      ) {
        return raw[0] as T[];
      }
      return Array.isArray(raw) ? (raw as T[]) : [];
    },
    time: (date) => (isPostgres ? date : date.toISOString().replace('T', ' ').replace('Z', '')),
  };
}
