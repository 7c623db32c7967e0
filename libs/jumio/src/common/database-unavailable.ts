/** Seconds a client is asked to wait when the database is unavailable (`Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures reaching the database (pg). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** PostgreSQL SQLSTATEs: connection exceptions, shutdown, too many connections, statement timeout. */
const POSTGRES_STATE = /^(08...|57P0[1-4]|53300|57014|40001|40P01)$/;
/** SQLite: locked by another connection or process, I/O failure, file gone. */
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL)/;
/** Messages of pg and TypeORM that carry no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection is not established|Cannot use a pool after calling end|database is locked/i;

/**
 * Whether `error` means "the database cannot serve right now" (down, unreachable, locked, timed out)
 * rather than a bug: such a request is answered 503 with `Retry-After`, never 500. Looks at the error,
 * TypeORM's `driverError` and `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || POSTGRES_STATE.test(code) || SQLITE_CODE.test(code))
        return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
