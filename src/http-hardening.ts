import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Headers every answer of the demo carries (the module adds a strict CSP on its API routes). */
const DEMO_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** The same headers as one list, made once (the hooks below run on every request). */
const DEMO_SECURITY_HEADER_LIST = Object.entries(DEMO_SECURITY_HEADERS);
/** Fastify keeps header names in lower case (it lowercases each one it is given). */
const DEMO_SECURITY_HEADER_LIST_LOWER = DEMO_SECURITY_HEADER_LIST.map(
  ([name, value]) => [name.toLowerCase(), value] as const,
);

/** The demo's JSON bodies (Express's parser limit); a larger declared body is refused unread. */
const MAX_BODY_BYTES = 100 * 1024;

/** Slow clients: headers within 10 s, the whole request within 30 s, checked every second. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface FastifyHooks {
  addHook(
    name: 'onRequest',
    hook: (request: unknown, reply: FastifyReplyLike, done: () => void) => void,
  ): void;
}

interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): FastifyReplyLike;
}

/**
 * What a host should do for every route, shown in the demo: security headers, no `X-Powered-By`,
 * oversize bodies refused from their declared length (413) without reading them, and server timeouts
 * against slowly trickled requests. Call before `listen`.
 */
export function hardenHttp(app: INestApplication): void {
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Read when the server starts listening: how often the two timeouts above are enforced (Node: 30 s).
  server.connectionsCheckingInterval = 1_000;

  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    // Fastify refuses bodies over its bodyLimit from the declared length already, unread.
    (adapter.getInstance() as FastifyHooks).addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of DEMO_SECURITY_HEADER_LIST_LOWER) reply.header(name, value);
      done();
    });
    return;
  }
  const express = adapter.getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  // No ETag: the API's answers are `Cache-Control: no-store` (never revalidated), and Express would hash
  // every JSON body to make one.
  express.disable('etag');
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    for (const [name, value] of DEMO_SECURITY_HEADER_LIST) response.setHeader(name, value);
    const length = request.headers['content-length'];
    if (length === undefined) return next();
    const declared = Number(length);
    if (!Number.isFinite(declared) || declared <= MAX_BODY_BYTES) return next();
    response.statusCode = 413;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Connection', 'close');
    response.end(JSON.stringify({ statusCode: 413, error: 'BODY_TOO_LARGE' }));
  });
}
