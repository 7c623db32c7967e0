import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { JumioError, JumioErrorCode } from './jumio.error';
import { JUMIO_USER_ID, JumioUserIdResolver, type RequestWithJumioUser } from './user-id.resolver';

/**
 * Resolves the current user (`JumioUserIdResolver`, async allowed) and refuses the request with
 * UNAUTHENTICATED (401) when there is none. Param decorators cannot await, hence a guard.
 */
@Injectable()
export class JumioUserGuard implements CanActivate {
  constructor(private readonly users: JumioUserIdResolver) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithJumioUser>();
    // Synchronous with a synchronous resolver (the default): no promise on every private request.
    const userId = this.users.resolveNow(request);
    return userId instanceof Promise
      ? userId.then((id) => admit(request, id))
      : admit(request, userId);
  }
}

function admit(request: RequestWithJumioUser, userId: string | undefined): boolean {
  if (userId === undefined) {
    throw new JumioError(JumioErrorCode.UNAUTHENTICATED, 'No authenticated user');
  }
  request[JUMIO_USER_ID] = userId;
  return true;
}
