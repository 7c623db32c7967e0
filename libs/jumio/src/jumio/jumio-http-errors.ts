import { AxiosError } from 'axios';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { parseRetryAfterSeconds } from './retry-after';

/** What a platform's client adds to the messages: where to look on 401/403, what a 404 means. */
export interface JumioErrorHints {
  /** e.g. `check the API token and secret, and the User-Agent`. */
  auth: string;
  /** e.g. `Jumio does not hold this reference (unknown or deleted)`. */
  notFound: string;
}

/**
 * A non-2xx Jumio answer as a JumioError, for the legacy and the KYX client alike. `what` names the call
 * (method, origin, path template); the message never carries tokens, credentials or bodies.
 */
export function jumioStatusError(
  what: string,
  status: number,
  retryAfter: unknown,
  hints: JumioErrorHints,
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
      `${what} was refused: HTTP ${status}; ${hints.auth}`,
      status,
    );
  }
  if (status === 404) {
    return new JumioError(
      JumioErrorCode.JUMIO_NOT_FOUND,
      `${what} answered HTTP 404: ${hints.notFound}`,
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
export function jumioTransportError(what: string, error: unknown, timeoutMs: number): JumioError {
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
  // Only a short symbolic code (ECONNREFUSED, ENOTFOUND, ...) goes into the message; the axios error
  // itself is not attached as a cause because its config holds our credentials and the request body.
  const symbol = code && /^[A-Z_]{1,40}$/.test(code) ? ` (${code})` : '';
  return new JumioError(JumioErrorCode.JUMIO_UNAVAILABLE, `${what} could not reach Jumio${symbol}`);
}
