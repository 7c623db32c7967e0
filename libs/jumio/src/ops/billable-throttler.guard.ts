import { type ExecutionContext, Logger } from '@nestjs/common';
import type { ModuleRef, Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { defaultResolveUserId, JumioUserIdResolver, usableId } from '../common/user-id.resolver';
import type { JumioRequest } from '../options/jumio.options';
import { JUMIO_BILLABLE } from '../common/jumio-billable.decorator';

type TrackedRequest = JumioRequest & { ip?: string };

/**
 * Per-user rate limit on the routes marked `@JumioBillable()`, and on nothing else: every other route
 * (the callback above all, which Jumio must always reach) is skipped. The user is the one JumioModule
 * resolves (`JumioUserIdResolver`, the same answer its user guard gets); without one, the client address
 * is the key.
 */
export class BillableThrottlerGuard extends ThrottlerGuard {
  private users?: JumioUserIdResolver;

  constructor(
    limit: { limit: number; ttlMs: number },
    storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    super([{ name: 'default', limit: limit.limit, ttl: limit.ttlMs }], storage, reflector);
    this.logger = new Logger('JumioRateLimit');
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    try {
      this.users = this.moduleRef.get(JumioUserIdResolver, { strict: false });
    } catch {
      // JumioModule not imported in this app: the default resolution below applies.
    }
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const billable = this.reflector.getAllAndOverride<boolean | undefined>(JUMIO_BILLABLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    return billable !== true;
  }

  protected override async getTracker(request: TrackedRequest): Promise<string> {
    const userId = this.users
      ? await this.users.resolve(request)
      : await usableId(defaultResolveUserId, request);
    return userId !== undefined ? `user:${userId}` : `ip:${request.ip ?? 'unknown'}`;
  }
}
