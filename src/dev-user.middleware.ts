import type { IncomingMessage } from 'node:http';

const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Demo only: a bank's backend sets `request.user` from its own authentication. Here the dev user
 * comes from the `X-User-Id` header, so that anyone can try the flows. Plain Node request: used as
 * Express middleware and, with the raw request, from a Fastify `onRequest` hook.
 */
export function devUserMiddleware(
  request: IncomingMessage & { user?: { id: string } },
  _response: unknown,
  next: () => void,
): void {
  const header = request.headers['x-user-id'];
  if (typeof header === 'string' && USER_ID.test(header)) request.user = { id: header };
  next();
}
