import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom, runWithRequestId } from './request-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Path segments that look like secrets or references (callback tokens, UUIDs) are not logged. */
const OPAQUE_SEGMENT = /^[A-Za-z0-9_-]{16,}$/;

/** Request handled by either adapter: Express's request, or the raw Node request under Fastify. */
type HttpRequest = IncomingMessage & {
  originalUrl?: string;
  route?: { path?: string };
  baseUrl?: string;
};

export interface RequestIdOptions {
  /** One structured line per request when it finishes. */
  accessLog: boolean;
  /** Enter the request id's AsyncLocalStorage context (see `JumioOpsOptions.requestIdInLogs`). */
  requestIdInLogs: boolean;
}

/**
 * Accepts the caller's `X-Request-Id` (or makes one), echoes it on the response, writes the access log line
 * and, when asked, makes it the current request id for everything the request causes. Plain function
 * middleware on raw Node objects: used as Express middleware, and from a Fastify `onRequest` hook.
 */
export function requestIdMiddleware(options: RequestIdOptions) {
  const logger = new Logger('HTTP');
  return (request: HttpRequest, response: ServerResponse, next: () => void): void => {
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    // Later stages (the interceptor, under Fastify) read the id the same way, including a generated one.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-Id', requestId);
    if (options.accessLog) {
      const started = performance.now();
      response.once('finish', () => {
        const line = {
          method: request.method,
          path: loggablePath(request),
          status: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          requestId,
        };
        if (options.requestIdInLogs) runWithRequestId(requestId, () => logger.log(line));
        else logger.log(line);
      });
    }
    if (options.requestIdInLogs) runWithRequestId(requestId, next);
    else next();
  };
}

/** The route template when known, else the path with opaque segments masked and the query dropped. */
function loggablePath(request: HttpRequest): string {
  if (request.route?.path) return `${request.baseUrl ?? ''}${String(request.route.path)}`;
  const url = request.originalUrl ?? request.url ?? '';
  const path = url.split('?')[0];
  return path
    .split('/')
    .map((segment) => (OPAQUE_SEGMENT.test(segment) ? ':opaque' : segment))
    .join('/');
}
