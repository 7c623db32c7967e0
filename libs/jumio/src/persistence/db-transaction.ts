import type { DataSource, EntityManager } from 'typeorm';

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
