import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { JumioSettings } from '../options/jumio-settings';
import { JumioAdminGuard } from './jumio-admin.guard';

@Injectable()
class HostAdminGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

describe('JumioAdminGuard', () => {
  it('tries to create the host guard again after a failed creation', async () => {
    let creations = 0;
    // Only ModuleRef.create is used: the first creation fails (e.g. a provider not ready yet).
    const moduleRef = {
      create: async () => {
        creations += 1;
        if (creations === 1) throw new Error('not ready');
        return new HostAdminGuard();
      },
    } as unknown as ModuleRef;
    const guard = new JumioAdminGuard(
      {
        dataProtection: { adminRoutesEnabled: true, adminGuard: HostAdminGuard },
      } as unknown as JumioSettings,
      moduleRef,
    );
    const context = {} as ExecutionContext;

    await expect(guard.canActivate(context)).rejects.toThrow('not ready');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(creations).toBe(2);
  });
});
