import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { JumioError } from '../../common/jumio.error';

type RetryContext = IRetryBackoffContext<unknown>;

/**
 * Wraps a backoff (exponential with jitter) so that a 429's `Retry-After` is honoured: the next delay is
 * the longer of the two, capped. Asks beyond the cap never reach here: such calls are not retried at all.
 */
export class RetryAfterBackoff implements IBackoffFactory<RetryContext> {
  constructor(
    private readonly inner: IBackoffFactory<RetryContext>,
    private readonly capMs: number,
  ) {}

  next(context: RetryContext): IBackoff<RetryContext> {
    const step = this.inner.next(context);
    const askedMs = retryAfterMs(context.result);
    return {
      duration:
        askedMs === undefined
          ? step.duration
          : Math.min(Math.max(askedMs, step.duration), this.capMs),
      next: (nextContext) => new RetryAfterBackoff(step, this.capMs).next(nextContext),
    };
  }
}

/** The wait a failed attempt asked for, in ms, when it was a 429 carrying `Retry-After`. */
export function retryAfterMs(result: unknown): number | undefined {
  const error =
    typeof result === 'object' && result !== null && 'error' in result ? result.error : result;
  if (!(error instanceof JumioError) || error.retryAfterSeconds === undefined) return undefined;
  return error.retryAfterSeconds * 1000;
}
