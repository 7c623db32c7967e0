import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { JUMIO_USER_ID, type RequestWithJumioUser } from './user-id.resolver';

/** The id `JumioUserGuard` resolved (`JumioUserIdResolver`) for this request. Never read from the body or the URL. */
export const CurrentUserId = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const userId = context.switchToHttp().getRequest<RequestWithJumioUser>()[JUMIO_USER_ID];
  // The guard runs first; reaching here without an id means the route lacks the guard: fail loudly.
  if (userId === undefined) throw new Error('CurrentUserId used on a route without JumioUserGuard');
  return userId;
});
