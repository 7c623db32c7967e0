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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithJumioUser>();
    const userId = await this.users.resolve(request);
    if (userId === undefined) {
      throw new JumioError(JumioErrorCode.UNAUTHENTICATED, 'No authenticated user');
    }
    request[JUMIO_USER_ID] = userId;
    return true;
  }
}
