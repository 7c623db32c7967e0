import { HttpStatus, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The usual security headers for JSON API answers (what helmet sends, with a CSP that allows nothing). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

/** The same headers as one list, made once: the hooks below run on every request. */
const API_SECURITY_HEADER_LIST: ReadonlyArray<readonly [string, string]> =
  Object.entries(API_SECURITY_HEADERS);
/** Fastify keeps header names in lower case (it lowercases each one it is given). */
const API_SECURITY_HEADER_LIST_LOWER = API_SECURITY_HEADER_LIST.map(
  ([name, value]) => [name.toLowerCase(), value] as const,
);

/** The private routes' bodies are a few hundred bytes; a declared length beyond this is refused unread. */
export const PRIVATE_MAX_BODY_BYTES = 16 * 1024;

/** Every route of the module, under any global prefix. */
const JUMIO_ROUTE = /\/api\/(?:private\/)?jumio\//;
const PRIVATE_ROUTE = /\/api\/private\/jumio\//;

interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): FastifyReplyLike;
}
interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (request: { raw: IncomingMessage }, reply: FastifyReplyLike, done: () => void) => void,
  ): unknown;
}
interface ExpressLike {
  use(
    handler: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
  ): void;
  router?: { stack?: unknown[] };
}

/** The request's path without its query string (no array allocated, unlike `split`). */
function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Whether this request must be refused before its body is read. A GET without a length is not. */
function oversizePrivateBody(request: IncomingMessage, path: string): boolean {
  const length = request.headers['content-length'];
  if (length === undefined) return false;
  const declared = Number(length);
  return Number.isFinite(declared) && declared > PRIVATE_MAX_BODY_BYTES && PRIVATE_ROUTE.test(path);
}

const TOO_LARGE = { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'BODY_TOO_LARGE' };

/**
 * On the module's own routes, on Express and Fastify (no import of either): the security headers above,
 * no `X-Powered-By`, and a private-route body whose declared size is too large answered 413 at once,
 * without reading it (Express's JSON parser would read it all first). Mounted ahead of the host's body
 * parsers, like the callback check.
 */
@Injectable()
export class JumioHttpHardeningInstaller implements OnModuleInit {
  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return;
    if (adapter.getType() === 'fastify') {
      adapter.getInstance<FastifyLike>().addHook('onRequest', (request, reply, done) => {
        const path = pathOf(request.raw.url);
        if (!JUMIO_ROUTE.test(path)) return done();
        for (const [name, value] of API_SECURITY_HEADER_LIST_LOWER) reply.header(name, value);
        if (!oversizePrivateBody(request.raw, path)) return done();
        reply.code(HttpStatus.PAYLOAD_TOO_LARGE).header('Connection', 'close').send(TOO_LARGE);
      });
      return;
    }
    if (adapter.getType() !== 'express') return;
    const app = adapter.getInstance<ExpressLike>();
    app.use(function jumioHttpHardening(request, response, next) {
      const path = pathOf(request.url);
      if (!JUMIO_ROUTE.test(path)) return next();
      response.removeHeader('X-Powered-By');
      for (const [name, value] of API_SECURITY_HEADER_LIST) response.setHeader(name, value);
      if (!oversizePrivateBody(request, path)) return next();
      response.statusCode = HttpStatus.PAYLOAD_TOO_LARGE;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Connection', 'close');
      response.end(JSON.stringify(TOO_LARGE));
    });
    // Routes and body parsers are registered already: move this ahead of them all.
    const stack = app.router?.stack;
    if (Array.isArray(stack)) stack.unshift(stack.pop());
  }
}
