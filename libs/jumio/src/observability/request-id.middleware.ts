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

/**
 * Accepts the caller's `X-Request-Id` (or makes one), echoes it on the response, and makes it the
 * current request id for everything the request causes (logs, calls to Jumio). Plain function middleware,
 * so it runs unchanged on Express and on Fastify (through middie).
 */
export function requestIdMiddleware(options: { accessLog: boolean }) {
  const logger = new Logger('HTTP');
  return (request: HttpRequest, response: ServerResponse, next: () => void): void => {
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    // Later stages (the interceptor, under Fastify) read the id the same way, including a generated one.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    if (options.accessLog) {
      response.once('finish', () =>
        runWithRequestId(requestId, () =>
          logger.log({
            method: request.method,
            path: loggablePath(request),
            status: response.statusCode,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
          }),
        ),
      );
    }
    runWithRequestId(requestId, next);
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
