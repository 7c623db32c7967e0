import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { JumioOpsModule, type JumioOpsOptions } from '@app/jumio/ops';
import { type DynamicModule, Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { IncomingMessage } from 'node:http';
import type { DataSourceOptions } from 'typeorm';
import { DemoPageController } from './demo-page.controller';
import { devUserMiddleware } from './dev-user.middleware';

export interface DemoSettings {
  database: DataSourceOptions;
  jumio: JumioModuleOptions;
  /** Health, metrics, request ids and rate limits (JumioOpsModule). */
  ops?: JumioOpsOptions;
}

/** The parts of Fastify and Express used to mount the dev user on every request. */
interface FastifyOnRequest {
  addHook(
    name: 'onRequest',
    hook: (request: { raw: IncomingMessage }, reply: unknown, done: () => void) => void,
  ): unknown;
}
interface ExpressUse {
  use(handler: typeof devUserMiddleware): unknown;
}

/** The demo onboarding backend: imports JumioModule exactly as a bank's backend would. */
@Module({})
export class AppModule implements NestModule {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  static register(settings: DemoSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(settings.database),
        JumioModule.forRoot(settings.jumio),
        JumioOpsModule.forRoot(settings.ops),
      ],
      controllers: [DemoPageController],
    };
  }

  /**
   * The dev user on every request, mounted on the HTTP framework itself: a Nest middleware for every
   * path costs each request @fastify/middie's matching (Fastify) or a path-parameter array (Express).
   * Under Fastify it sets `user` on the raw request, where the module looks for it.
   */
  configure(): void {
    const adapter = this.adapterHost.httpAdapter as typeof this.adapterHost.httpAdapter | undefined;
    if (!adapter) return; // an application context without HTTP
    if (adapter.getType() === 'fastify') {
      adapter
        .getInstance<FastifyOnRequest>()
        .addHook('onRequest', (request, reply, done) =>
          devUserMiddleware(request.raw, reply, done),
        );
      return;
    }
    adapter.getInstance<ExpressUse>().use(devUserMiddleware);
  }
}
