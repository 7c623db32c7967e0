import {
  Catch,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { JumioError, JumioErrorCode } from './jumio.error';

interface CodeMapping {
  status: HttpStatus;
  /**
   * What clients are told when the error is Jumio's side. Operator detail (host, path, upstream status)
   * stays in the log; client apps only need to know whether to retry.
   */
  publicMessage?: string;
}

const CODE_MAPPINGS: Record<JumioErrorCode, CodeMapping> = {
  [JumioErrorCode.JUMIO_UNAVAILABLE]: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    publicMessage: 'The identity verification provider is unavailable; try again later',
  },
  [JumioErrorCode.JUMIO_RATE_LIMITED]: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    publicMessage: 'The identity verification provider is busy; try again later',
  },
  [JumioErrorCode.JUMIO_BUSY]: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    publicMessage: 'Too many verifications are starting right now; try again shortly',
  },
  [JumioErrorCode.JUMIO_AUTH_FAILED]: {
    status: HttpStatus.BAD_GATEWAY,
    publicMessage:
      'The identity verification provider refused this service; the operator has been notified',
  },
  [JumioErrorCode.JUMIO_REQUEST_REJECTED]: {
    status: HttpStatus.BAD_GATEWAY,
    publicMessage: 'The identity verification provider rejected the request',
  },
  [JumioErrorCode.JUMIO_BAD_RESPONSE]: {
    status: HttpStatus.BAD_GATEWAY,
    publicMessage: 'The identity verification provider answered unexpectedly',
  },
  [JumioErrorCode.JUMIO_NOT_FOUND]: {
    status: HttpStatus.BAD_GATEWAY,
    publicMessage: 'The identity verification provider does not know this scan',
  },
  [JumioErrorCode.UNAUTHENTICATED]: { status: HttpStatus.UNAUTHORIZED },
  [JumioErrorCode.NO_OPEN_TRANSACTION]: { status: HttpStatus.CONFLICT },
  [JumioErrorCode.INVALID_STATE]: { status: HttpStatus.CONFLICT },
  [JumioErrorCode.ATTEMPTS_EXHAUSTED]: { status: HttpStatus.CONFLICT },
  [JumioErrorCode.INVALID_INPUT]: { status: HttpStatus.BAD_REQUEST },
  [JumioErrorCode.NOT_FOUND]: { status: HttpStatus.NOT_FOUND },
};

/** Jumio's rate-limit window, in seconds: a fair wait when Jumio's 429 names none (its sample has none). */
const RATE_LIMIT_WINDOW_SECONDS = 5;

/** Seconds a client should wait before it tries again, for the busy / rate-limited answers. */
function retryAfterOf(error: JumioError): number | undefined {
  if (error.code === JumioErrorCode.JUMIO_BUSY) return error.retryAfterSeconds ?? 1;
  if (error.code === JumioErrorCode.JUMIO_RATE_LIMITED)
    return error.retryAfterSeconds ?? RATE_LIMIT_WINDOW_SECONDS;
  return undefined;
}

/**
 * The one place JumioError becomes HTTP: `{ statusCode, error: <code>, message }`, on Express and Fastify.
 * A database that is down, unreachable, locked or too slow answers 503 `DATABASE_UNAVAILABLE` with
 * `Retry-After` (the client may simply retry; nothing was half written: every write is one transaction).
 * Everything else is left to Nest (HttpExceptions as they are, anything unknown a bare 500).
 */
@Catch()
export class JumioExceptionFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(JumioExceptionFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {
    super(adapterHost.httpAdapter);
  }

  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof JumioError) return this.replyJumioError(error, host);
    if (isDatabaseUnavailable(error)) return this.replyDatabaseUnavailable(host);
    return super.catch(error, host);
  }

  private replyDatabaseUnavailable(host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    this.logger.warn('DATABASE_UNAVAILABLE: a request was answered 503');
    httpAdapter.setHeader(response, 'Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    httpAdapter.reply(
      response,
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'DATABASE_UNAVAILABLE',
        message: 'The service cannot reach its database; try again later',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }

  private replyJumioError(error: JumioError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const mapping = CODE_MAPPINGS[error.code] ?? { status: HttpStatus.INTERNAL_SERVER_ERROR };

    if (mapping.publicMessage) {
      // Client error messages are written to be safe to log (no credentials, bodies or personal data).
      this.logger.warn(`${error.code}: ${error.message}`);
    }
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) httpAdapter.setHeader(response, 'Retry-After', String(retryAfter));
    httpAdapter.reply(
      response,
      {
        statusCode: mapping.status,
        error: error.code,
        message: mapping.publicMessage ?? error.message,
      },
      mapping.status,
    );
  }
}
