import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one file that knows which database engine runs underneath (PostgreSQL or SQLite): placeholders,
 * how a timestamp is bound, the driver's answer shapes, prepared statements, and how transactions are
 * serialised. Repositories in this folder build on it; nothing outside persistence/ sees TypeORM.
 */

/**
 * A database transaction in progress, handed from `JumioDatabase.transaction` to repositories so their
 * writes join it. Opaque outside persistence/ (it is TypeORM's EntityManager underneath).
 */
export type DbSession = EntityManager;

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

/** A timestamp column as the driver returns it: Date from `pg` (timestamptz), UTC text from SQLite. */
export function dateOf(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

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
    // Not an async function: pg's promise and one `then`, no extra turns of the event loop per statement.
    return (values) => {
      try {
        return driver.master.query({ name, text, values }).then(rowsOf) as Promise<Row[]>;
      } catch (error) {
        // A synchronous throw (no pool yet) still reaches the caller as a rejection.
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  }
  return async (params) => {
    const rows: unknown = await dataSource.query(sql, params);
    return Array.isArray(rows) ? (rows as Row[]) : [];
  };
}

function rowsOf(result: { rows: unknown[] }): unknown[] {
  return result.rows;
}

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a database transaction. TypeORM's SQLite drivers share one query runner per DataSource,
 * so two concurrent `dataSource.transaction()` calls would interleave as savepoints of one transaction;
 * on SQLite the transactions of this module are therefore queued, one at a time (SQLite serialises
 * writers anyway). PostgreSQL transactions run concurrently, each on its own pooled connection.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  sqliteQueues.set(dataSource, next);
  return next;
}

/** What services outside persistence/ get instead of the DataSource: transactions to hand to repositories. */
@Injectable()
export class JumioDatabase {
  readonly dialect: SqlDialect;

  constructor(readonly dataSource: DataSource) {
    this.dialect = sqlDialect(dataSource);
  }

  /** Runs `work` in one database transaction; pass `session` to the repositories' writes. */
  transaction<T>(work: (session: DbSession) => Promise<T>): Promise<T> {
    return runInTransaction(this.dataSource, work);
  }
}
