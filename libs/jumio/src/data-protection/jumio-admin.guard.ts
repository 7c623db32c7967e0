import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { firstValueFrom, isObservable } from 'rxjs';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';

/**
 * Admin routes: 404 unless `enableAdminRoutes`, then whatever the host's `adminGuard` decides. A guard
 * class is instantiated once through the module's injector, so it can inject the host's providers.
 */
@Injectable()
export class JumioAdminGuard implements CanActivate {
  private hostGuard?: Promise<CanActivate>;

  constructor(
    @Inject(JUMIO_SETTINGS) private readonly settings: JumioSettings,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { adminRoutesEnabled, adminGuard } = this.settings.dataProtection;
    // Indistinguishable from a route that does not exist.
    if (!adminRoutesEnabled || !adminGuard) throw new NotFoundException();
    this.hostGuard ??= this.createHostGuard(adminGuard);
    const allowed = await (await this.hostGuard).canActivate(context);
    return isObservable(allowed) ? firstValueFrom(allowed) : allowed;
  }

  /** A failed creation is not kept: the next request tries again. */
  private createHostGuard(
    adminGuard: NonNullable<JumioSettings['dataProtection']['adminGuard']>,
  ): Promise<CanActivate> {
    if (typeof adminGuard !== 'function') return Promise.resolve(adminGuard);
    const creation = this.moduleRef.create(adminGuard);
    creation.catch(() => {
      if (this.hostGuard === creation) this.hostGuard = undefined;
    });
    return creation;
  }
}
