import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** The part of a Fastify instance used here (no import of fastify: hosts on Express need not have it). */
interface FastifyRouteHooks {
  addHook(name: 'onRoute', hook: (route: { url: string; path?: string }) => void): unknown;
}

/**
 * Lets the module's route paths work on Fastify as written for Express. Express 5 needs the literal `!`
 * of `!getScanTransactionStatus` escaped (`\\!`); Fastify's router takes the backslash literally, so the
 * route would never match. Under Fastify an `onRoute` hook unescapes `\\!` before the route is added.
 *
 * A module (not a provider) because `configure()` runs after the HTTP adapter is known (also for apps built
 * with `Test.createTestingModule(...).createNestApplication(adapter)`) and before any route is registered.
 */
@Module({})
export class JumioFastifyCompatModule implements NestModule {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  configure(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    adapter.getInstance<FastifyRouteHooks>().addHook('onRoute', (route) => {
      if (!route.url.includes('\\!')) return;
      route.url = route.url.replaceAll('\\!', '!');
      if (route.path !== undefined) route.path = route.url;
    });
  }
}
