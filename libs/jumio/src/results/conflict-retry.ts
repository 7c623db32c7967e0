import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { ConcurrentChangeError } from './scan-transaction.store';

/** Optimistic updates are retried this often before the client is told to try again. */
export const MAX_CONFLICT_RETRIES = 3;

/** Runs `work` again when another writer changed the row first; a 409 after the last attempt. */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= MAX_CONFLICT_RETRIES)
        throw conflict(error);
    }
  }
}

/** Losing a race repeatedly is a 409 for the client, not a 500. */
export function conflict(error: unknown): unknown {
  return error instanceof ConcurrentChangeError
    ? new JumioError(
        JumioErrorCode.INVALID_STATE,
        'The transaction changed concurrently; try again',
      )
    : error;
}
