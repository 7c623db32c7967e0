import { type ExecutionContext, Logger } from '@nestjs/common';
import type { ModuleRef, Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { JUMIO_MODULE_OPTIONS } from '../options/jumio-module-options.token';
import type { JumioModuleOptions } from '../options/jumio.options';
import { JUMIO_BILLABLE } from '../common/jumio-billable.decorator';

type UserResolver = NonNullable<JumioModuleOptions['resolveUserId']>;

interface TrackedRequest {
  ip?: string;
  user?: { id?: unknown };
  raw?: { user?: { id?: unknown } };
}

/**
 * Per-user rate limit on the routes marked `@JumioBillable()`, and on nothing else: every other route
 * (the callback above all, which Jumio must always reach) is skipped. The user is the one JumioModule
 * resolves (`resolveUserId`); without one, the client address is the key.
 */
export class BillableThrottlerGuard extends ThrottlerGuard {
  private resolveUserId?: UserResolver;

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
      const options = this.moduleRef.get<JumioModuleOptions>(JUMIO_MODULE_OPTIONS, {
        strict: false,
      });
      this.resolveUserId = options.resolveUserId;
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
    const userId = this.resolveUserId
      ? await this.resolveUserId(request as unknown as Parameters<UserResolver>[0])
      : defaultUserId(request);
    if (userId !== undefined && userId !== '') return `user:${userId}`;
    return `ip:${request.ip ?? 'unknown'}`;
  }
}

/** `request.user.id` (Express), or the raw request's under Fastify, where Nest middleware sets it. */
function defaultUserId(request: TrackedRequest): string | undefined {
  const id = request.user?.id ?? request.raw?.user?.id;
  return typeof id === 'string' ? id : undefined;
}
