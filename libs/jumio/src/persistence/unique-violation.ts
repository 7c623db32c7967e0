/** PostgreSQL's unique_violation SQLSTATE. */
const PG_UNIQUE_VIOLATION = '23505';
const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Whether a database error is a UNIQUE (or primary key) violation, on pg or better-sqlite3. TypeORM wraps
 * driver errors in QueryFailedError and copies the driver's `code` onto it; `driverError` is checked too.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (const candidate of [error, (error as { driverError?: unknown } | null)?.driverError]) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (
      code === PG_UNIQUE_VIOLATION ||
      (typeof code === 'string' && SQLITE_UNIQUE_CODES.has(code))
    ) {
      return true;
    }
  }
  return false;
}
