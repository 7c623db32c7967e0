import { AxiosError } from 'axios';
import { parseRetryAfterSeconds } from '../retry-after';
import { JumioError, JumioErrorCode } from '../../common/jumio.error';

/**
 * A non-2xx KYX answer as a JumioError. `what` names the call (method, origin, path template); the message
 * never carries tokens, credentials or bodies.
 */
export function kyxStatusError(
  what: string,
  status: number,
  retryAfter: unknown,
  authHint: string,
): JumioError {
  if (status === 429) {
    const seconds = parseRetryAfterSeconds(retryAfter);
    const wait = seconds === undefined ? '' : ` (Retry-After ${seconds} s)`;
    return new JumioError(
      JumioErrorCode.JUMIO_RATE_LIMITED,
      `${what} was rate limited: HTTP 429${wait}`,
      status,
      seconds,
    );
  }
  if (status === 401 || status === 403) {
    return new JumioError(
      JumioErrorCode.JUMIO_AUTH_FAILED,
      `${what} was refused: HTTP ${status}; ${authHint}`,
      status,
    );
  }
  if (status === 404) {
    return new JumioError(
      JumioErrorCode.JUMIO_NOT_FOUND,
      `${what} answered HTTP 404: Jumio does not hold this account or workflow execution (unknown or deleted)`,
      status,
    );
  }
  if (status >= 500) {
    return new JumioError(
      JumioErrorCode.JUMIO_UNAVAILABLE,
      `${what} failed: Jumio answered HTTP ${status}`,
      status,
    );
  }
  if (status >= 400) {
    return new JumioError(
      JumioErrorCode.JUMIO_REQUEST_REJECTED,
      `${what} was rejected: HTTP ${status}`,
      status,
    );
  }
  return new JumioError(
    JumioErrorCode.JUMIO_BAD_RESPONSE,
    `${what} answered an unexpected HTTP ${status}`,
    status,
  );
}

/** A transport failure (timeout, refused, unreadable body) as a JumioError; the axios error is not attached. */
export function kyxTransportError(what: string, error: unknown, timeoutMs: number): JumioError {
  const code = error instanceof AxiosError ? error.code : undefined;
  if (
    code === AxiosError.ERR_CANCELED ||
    code === AxiosError.ECONNABORTED ||
    code === AxiosError.ETIMEDOUT
  ) {
    return new JumioError(
      JumioErrorCode.JUMIO_UNAVAILABLE,
      `${what} got no answer within ${timeoutMs} ms`,
    );
  }
  if (code === AxiosError.ERR_BAD_RESPONSE) {
    return new JumioError(
      JumioErrorCode.JUMIO_BAD_RESPONSE,
      `${what} answered with a body that could not be read (too large or corrupt)`,
    );
  }
  const symbol = code && /^[A-Z_]{1,40}$/.test(code) ? ` (${code})` : '';
  return new JumioError(JumioErrorCode.JUMIO_UNAVAILABLE, `${what} could not reach Jumio${symbol}`);
}
