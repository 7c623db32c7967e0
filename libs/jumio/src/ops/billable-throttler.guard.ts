import { type ExecutionContext, Logger } from '@nestjs/common';
import type { ModuleRef, Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { defaultResolveUserId, JumioUserIdResolver, usableId } from '../common/user-id.resolver';
import type { JumioRequest } from '../options/jumio.options';
import { JUMIO_BILLABLE } from '../common/jumio-billable.decorator';

type TrackedRequest = JumioRequest & { ip?: string };

const ADMITTED = Promise.resolve(true);

/**
 * Per-user rate limit on the routes marked `@JumioBillable()`, and on nothing else: every other route
 * (the callback above all, which Jumio must always reach) is skipped. The user is the one JumioModule
 * resolves (`JumioUserIdResolver`, the same answer its user guard gets); without one, the client address
 * is the key.
 */
export class BillableThrottlerGuard extends ThrottlerGuard {
  private users?: JumioUserIdResolver;
  /** Whether a route is billable, per controller and handler: route metadata does not change. */
  private readonly billable = new WeakMap<object, WeakMap<object, boolean>>();

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

  /**
   * Every request of the host passes here: a route that is not billable (a status read, a callback) is
   * admitted at once, without the throttler's own per-request work (its metadata lookups and awaits).
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return this.isBillable(context) ? super.canActivate(context) : ADMITTED;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.isBillable(context);
  }

  private isBillable(context: ExecutionContext): boolean {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.billable.get(controller);
    if (!handlers) this.billable.set(controller, (handlers = new WeakMap()));
    let billable = handlers.get(handler);
    if (billable === undefined) {
      billable =
        this.reflector.getAllAndOverride<boolean | undefined>(JUMIO_BILLABLE, [handler, controller]) ===
        true;
      handlers.set(handler, billable);
    }
    return billable;
  }

  protected override async getTracker(request: TrackedRequest): Promise<string> {
    const userId = this.users
      ? await this.users.resolve(request)
      : await usableId(defaultResolveUserId, request);
    return userId !== undefined ? `user:${userId}` : `ip:${request.ip ?? 'unknown'}`;
  }
}
