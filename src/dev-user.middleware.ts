import type { NextFunction, Request, Response } from 'express';

const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Demo only: a bank's backend sets `request.user` from its own authentication. Here the dev user
 * comes from the `X-User-Id` header, so that anyone can try the flows.
 */
export function devUserMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const header = request.headers['x-user-id'];
  if (typeof header === 'string' && USER_ID.test(header)) {
    (request as Request & { user?: { id: string } }).user = { id: header };
  }
  next();
}
