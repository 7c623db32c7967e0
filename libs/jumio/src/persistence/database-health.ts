import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The part of a better-sqlite3 connection used here. */
interface SqliteConnection {
  inTransaction: boolean;
  exec(sql: string): unknown;
}

/** The readiness probe's view of the host's database (ops/health.controller.ts). */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether the database can serve the module now, within `timeoutMs`. PostgreSQL: a `SELECT 1`. SQLite:
   * a write lock taken and given back at once (`BEGIN IMMEDIATE; ROLLBACK`), because a file locked by
   * another process still answers reads while every write fails: readiness must not say 200 then.
   * Never throws.
   */
  canServe(timeoutMs: number): Promise<boolean> {
    return databaseCanServe(this.dataSource, timeoutMs);
  }
}

async function databaseCanServe(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  if (dataSource.options.type === 'better-sqlite3') return sqliteCanWrite(dataSource);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function sqliteCanWrite(dataSource: DataSource): boolean {
  const connection = (dataSource.driver as unknown as { databaseConnection?: SqliteConnection })
    .databaseConnection;
  if (!connection) return false;
  // This process holds the write lock right now: the database serves it. Synchronous, so no query of
  // the module can interleave between the two statements.
  if (connection.inTransaction) return true;
  try {
    connection.exec('BEGIN IMMEDIATE');
    connection.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}
