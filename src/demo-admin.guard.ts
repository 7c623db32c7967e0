import type { CanActivate, ExecutionContext } from '@nestjs/common';

type WithUser = { user?: { id?: unknown } };

/**
 * Demo only: a bank protects the admin routes (erasure, review queue) with its own staff authentication.
 * Here a dev user whose id starts with `reviewer-` counts as staff (X-User-Id, set by devUserMiddleware);
 * everyone else gets 403.
 */
export class DemoAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithUser & { raw?: WithUser }>();
    const id = request.user?.id ?? request.raw?.user?.id;
    return typeof id === 'string' && id.startsWith('reviewer-');
  }
}
