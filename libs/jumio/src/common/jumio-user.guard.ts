import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { JumioError, JumioErrorCode } from './jumio.error';
import { JUMIO_MODULE_OPTIONS } from '../options/jumio-module-options.token';
import type { JumioModuleOptions, JumioRequest } from '../options/jumio.options';

/** Where the guard leaves the resolved user id for `@CurrentUserId()`. */
export const JUMIO_USER_ID = Symbol('jumioUserId');

export type RequestWithJumioUser = JumioRequest & { [JUMIO_USER_ID]?: string };

const MAX_USER_ID_LENGTH = 255;

/** Default `resolveUserId`: `request.user.id` as set by the host's authentication (string or number). */
export function defaultResolveUserId(request: JumioRequest): string | undefined {
  type WithUser = { user?: { id?: unknown } };
  // Under Fastify, Nest middleware (e.g. the host's authentication) sets it on the raw Node request.
  const withUser = request as JumioRequest & WithUser & { raw?: WithUser };
  const id = withUser.user?.id ?? withUser.raw?.user?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * Resolves the current user through the host's `resolveUserId` (async allowed) and refuses the request
 * with UNAUTHENTICATED (401) when there is none. Param decorators cannot await, hence a guard.
 */
@Injectable()
export class JumioUserGuard implements CanActivate {
  constructor(@Inject(JUMIO_MODULE_OPTIONS) private readonly options: JumioModuleOptions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithJumioUser>();
    const resolve = this.options.resolveUserId ?? defaultResolveUserId;
    const userId = await resolve(request);
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > MAX_USER_ID_LENGTH) {
      throw new JumioError(JumioErrorCode.UNAUTHENTICATED, 'No authenticated user');
    }
    request[JUMIO_USER_ID] = userId;
    return true;
  }
}
