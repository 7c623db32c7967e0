import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { IpAllowlist, maskIp, resolveClientIp } from './ip-allowlist';
import { TokenBucket } from './token-bucket';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const JSON_CONTENT_TYPE = 'application/json';

export type CallbackRejectionReason =
  | 'SOURCE_NOT_ALLOWED'
  | 'UNSUPPORTED_CONTENT_TYPE'
  | 'BODY_TOO_LARGE'
  | 'MALFORMED_BODY'
  | 'RATE_LIMITED'
  | 'BODY_TIMEOUT';

export interface CallbackRejection {
  status:
    | HttpStatus.FORBIDDEN
    | HttpStatus.UNSUPPORTED_MEDIA_TYPE
    | HttpStatus.PAYLOAD_TOO_LARGE
    | HttpStatus.BAD_REQUEST
    | HttpStatus.TOO_MANY_REQUESTS
    | HttpStatus.REQUEST_TIMEOUT;
  reason: CallbackRejectionReason;
}

const RATE_COUNTED = Symbol('jumioCallbackRateCounted');
const PASSED = Symbol('jumioCallbackSourcePassed');

/** Seconds a rate-limited sender is asked to wait. */
export const CALLBACK_RETRY_AFTER_SECONDS = 1;

/**
 * First layer of callback authenticity, decided from the socket and headers alone (never the body):
 * the source address must be one of Jumio's (through trusted proxies only), the body a small form.
 *
 * It runs twice over: `CallbackSourceMiddlewareInstaller` mounts it ahead of the host's body parsers, so
 * a rejected request costs no parsing; the same check as a guard on the controller keeps the route safe
 * where that mounting is not possible (another HTTP adapter, an unusual middleware stack).
 */
@Injectable()
export class CallbackSourceGuard implements CanActivate {
  private readonly logger = new Logger('JumioCallback');
  private readonly allowed: IpAllowlist;
  private readonly trustedProxies: IpAllowlist;
  private readonly rateLimit: TokenBucket;
  private lastRateLimitLog = 0;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  /** KYX callbacks are JSON. */
  readonly acceptsJson: boolean;

  constructor(@Inject(JUMIO_SETTINGS) { callbacks }: JumioSettings) {
    this.allowed = new IpAllowlist(callbacks.allowedCidrs);
    this.trustedProxies = new IpAllowlist(callbacks.trustedProxies);
    this.maxBodyBytes = callbacks.maxBodyBytes;
    this.bodyTimeoutMs = callbacks.bodyTimeoutMs;
    this.rateLimit = new TokenBucket(callbacks.rateLimit.perSecond, callbacks.rateLimit.burst);
    this.acceptsJson = callbacks.acceptsJson;
  }

  /** Why this request must be refused, or undefined when it may be read. */
  inspect(request: IncomingMessage): CallbackRejection | undefined {
    // The guard's second look at a request the hook or middleware already let through: same socket,
    // same headers, same answer.
    const checked = request as IncomingMessage & { [RATE_COUNTED]?: boolean; [PASSED]?: boolean };
    if (checked[PASSED]) return undefined;
    const client = resolveClientIp(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      this.trustedProxies,
    );
    if (!this.allowed.contains(client)) {
      return { status: HttpStatus.FORBIDDEN, reason: 'SOURCE_NOT_ALLOWED' };
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // KYX posts JSON (jumio-kyx.md §2.6): accepted once the module knows KYX (`kyx` options).
    const kyxJson = this.acceptsJson && mediaType === JSON_CONTENT_TYPE;
    if (mediaType !== FORM_CONTENT_TYPE && !kyxJson) {
      return { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, reason: 'UNSUPPORTED_CONTENT_TYPE' };
    }
    const declaredLength = Number(request.headers['content-length']);
    if (Number.isFinite(declaredLength) && declaredLength > this.maxBodyBytes) {
      return { status: HttpStatus.PAYLOAD_TOO_LARGE, reason: 'BODY_TOO_LARGE' };
    }
    // Last: only a request that would otherwise be read spends a token, once (the check runs twice).
    if (checked[RATE_COUNTED]) return undefined;
    checked[RATE_COUNTED] = true;
    if (!this.rateLimit.take()) {
      return { status: HttpStatus.TOO_MANY_REQUESTS, reason: 'RATE_LIMITED' };
    }
    checked[PASSED] = true;
    return undefined;
  }

  /** One line per refused callback: the reason and a masked address; never the path (it holds the token). */
  logRejection(request: IncomingMessage, reason: CallbackRejectionReason): void {
    // A flood is one line a second, not one per request.
    if (reason === 'RATE_LIMITED') {
      const now = Date.now();
      if (now - this.lastRateLimitLog < 1000) return;
      this.lastRateLimitLog = now;
    }
    const client = resolveClientIp(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      this.trustedProxies,
    );
    this.logger.warn(`Refused a Jumio callback: ${reason} (source ${maskIp(client)})`);
  }

  canActivate(context: ExecutionContext): boolean {
    // Fastify hands guards its own request object; the Node request is its `raw`.
    const given = context.switchToHttp().getRequest<IncomingMessage & { raw?: IncomingMessage }>();
    const request = given.raw ?? given;
    const rejection = this.inspect(request);
    if (!rejection) return true;
    this.logRejection(request, rejection.reason);
    throw new HttpException(
      { statusCode: rejection.status, error: rejection.reason },
      rejection.status,
    );
  }

  /** Refuses with a bare JSON answer and closes the connection, leaving the body unread. */
  reject(request: IncomingMessage, response: ServerResponse, rejection: CallbackRejection): void {
    this.logRejection(request, rejection.reason);
    response.statusCode = rejection.status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Connection', 'close');
    if (rejection.status === HttpStatus.TOO_MANY_REQUESTS)
      response.setHeader('Retry-After', String(CALLBACK_RETRY_AFTER_SECONDS));
    response.end(JSON.stringify({ statusCode: rejection.status, error: rejection.reason }));
  }
}
