/** Every failure the module raises. Mapped to HTTP in one place: `JumioExceptionFilter`. */
export enum JumioErrorCode {
  /** Jumio could not be reached, timed out, or answered 5xx. */
  JUMIO_UNAVAILABLE = 'JUMIO_UNAVAILABLE',
  /** Jumio answered 429. */
  JUMIO_RATE_LIMITED = 'JUMIO_RATE_LIMITED',
  /** Not sent: this service's pacing under Jumio's rate limits has no free slot soon enough. */
  JUMIO_BUSY = 'JUMIO_BUSY',
  /** Jumio refused our credentials (401/403). */
  JUMIO_AUTH_FAILED = 'JUMIO_AUTH_FAILED',
  /** Jumio rejected the request (other 4xx). */
  JUMIO_REQUEST_REJECTED = 'JUMIO_REQUEST_REJECTED',
  /** Jumio answered something that is not what its API documents. */
  JUMIO_BAD_RESPONSE = 'JUMIO_BAD_RESPONSE',
  /** Jumio does not know (or no longer holds) the reference. */
  JUMIO_NOT_FOUND = 'JUMIO_NOT_FOUND',
  /** The request's user could not be resolved. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** No transaction in a state where this action applies. */
  NO_OPEN_TRANSACTION = 'NO_OPEN_TRANSACTION',
  /** The action conflicts with the transaction's state (e.g. wrong channel, reference already used). */
  INVALID_STATE = 'INVALID_STATE',
  /** The attempt limit is reached; the step is rejected. */
  ATTEMPTS_EXHAUSTED = 'ATTEMPTS_EXHAUSTED',
  /** The thing the request names (e.g. a review) does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** Input that passed DTO validation but is semantically wrong. */
  INVALID_INPUT = 'INVALID_INPUT',
}

export class JumioError extends Error {
  constructor(
    readonly code: JumioErrorCode,
    message: string,
    /** Upstream HTTP status, for diagnostics only (never sent to clients as is). */
    readonly upstreamStatus?: number,
    /** Seconds Jumio asked us to wait (Retry-After), when it said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'JumioError';
  }
}
