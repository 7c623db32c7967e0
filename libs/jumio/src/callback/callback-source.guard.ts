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
import { JUMIO_CALLBACK_IPS } from '../jumio/jumio-hosts';
import { JUMIO_MODULE_OPTIONS } from '../options/jumio-module-options.token';
import { JUMIO_DEFAULTS, type JumioModuleOptions } from '../options/jumio.options';
import { IpAllowlist, LOOPBACK_CIDRS, maskIp, resolveClientIp } from './ip-allowlist';
import { TokenBucket } from './token-bucket';

/** Jumio's callbacks are a few KB of form fields; image data travels by URL, never in the body. */
export const DEFAULT_CALLBACK_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_CALLBACK_RATE_LIMIT = { perSecond: 100, burst: 200 };
export const DEFAULT_CALLBACK_BODY_TIMEOUT_MS = 10_000;

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

/** Seconds a rate-limited sender is asked to wait. */
export const CALLBACK_RETRY_AFTER_SECONDS = 1;

/** The allowlist the options describe: explicit CIDRs, else Jumio's list for the data centre. */
export function callbackAllowedCidrs(options: JumioModuleOptions): string[] {
  if (options.callbackAllowedIps && options.callbackAllowedIps.length > 0) {
    return [...options.callbackAllowedIps];
  }
  const jumio = JUMIO_CALLBACK_IPS[options.dataCenter ?? JUMIO_DEFAULTS.dataCenter];
  // The sandbox posts from this machine; real Jumio never does.
  return options.sandbox ? [...jumio, ...LOOPBACK_CIDRS] : [...jumio];
}

/**
 * First layer of callback authenticity, decided from the socket and headers alone (never the body):
 * the source address must be one of Jumio's (through trusted proxies only), the body a small form.
 *
 * It runs twice over: `JumioCallbackPreParser` mounts `middleware` ahead of the host's body parsers, so
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

  constructor(@Inject(JUMIO_MODULE_OPTIONS) options: JumioModuleOptions) {
    this.allowed = buildList('callbackAllowedIps', callbackAllowedCidrs(options));
    this.trustedProxies = buildList('trustedProxies', options.trustedProxies ?? []);
    this.maxBodyBytes = options.callbackMaxBodyBytes ?? DEFAULT_CALLBACK_MAX_BODY_BYTES;
    this.bodyTimeoutMs = options.callbackBodyTimeoutMs ?? DEFAULT_CALLBACK_BODY_TIMEOUT_MS;
    const { perSecond, burst } = options.callbackRateLimit ?? DEFAULT_CALLBACK_RATE_LIMIT;
    this.rateLimit = new TokenBucket(perSecond, burst);
    this.acceptsJson = options.kyx !== undefined;
  }

  /** Why this request must be refused, or undefined when it may be read. */
  inspect(request: IncomingMessage): CallbackRejection | undefined {
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
    const counted = request as IncomingMessage & { [RATE_COUNTED]?: boolean };
    if (counted[RATE_COUNTED]) return undefined;
    counted[RATE_COUNTED] = true;
    if (!this.rateLimit.take()) {
      return { status: HttpStatus.TOO_MANY_REQUESTS, reason: 'RATE_LIMITED' };
    }
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

function buildList(option: string, cidrs: readonly string[]): IpAllowlist {
  try {
    return new IpAllowlist(cidrs);
  } catch (error) {
    throw new Error(`JumioModule: ${option}: ${(error as Error).message}`, { cause: error });
  }
}
