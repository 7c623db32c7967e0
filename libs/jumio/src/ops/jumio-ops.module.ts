import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, HttpAdapterHost, ModuleRef, Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { CALLBACK_ROUTE } from '../common/callback-url';
import { BillableThrottlerGuard } from './billable-throttler.guard';
import { callbackMetricsMiddleware } from './callback-metrics.middleware';
import { HealthController } from './health.controller';
import { DatabaseHealth } from '../persistence/database-health';
import { JumioMetrics } from '../jumio/jumio-metrics';
import { JumioObservabilityModule } from './jumio-observability.module';
import { JUMIO_OPS_DEFAULTS, JUMIO_OPS_OPTIONS, type JumioOpsOptions } from './jumio-ops.options';
import { MetricsController } from './metrics.controller';
import { RequestIdInterceptor } from './request-id.interceptor';
import { requestIdMiddleware } from './request-id.middleware';

const BILLABLE_THROTTLER_STORAGE = Symbol('BILLABLE_THROTTLER_STORAGE');

/** `…/api/jumio/callback/<token>` under any global prefix: what `${CALLBACK_ROUTE}/*path` matches. */
const CALLBACK_PATH = new RegExp(`/${CALLBACK_ROUTE}/[^?#]`);

/** The part of Fastify used here (no import of fastify: hosts on Express need not have it). */
interface FastifyOnRequest {
  addHook(
    name: 'onRequest',
    hook: (
      request: { raw: IncomingMessage },
      reply: { raw: ServerResponse },
      done: () => void,
    ) => void,
  ): unknown;
}

function noop(): void {}

/**
 * Operations for a host running JumioModule: health and readiness, Prometheus metrics, request ids in
 * logs, and per-user rate limits on the routes that cost money. A separate, optional module because a
 * bank's backend often has its own `/metrics`, health endpoints and throttling already: it imports this
 * one, or takes `JumioMetrics.registry` and the `@JumioBillable()` marker into its own setup.
 */
@Module({})
export class JumioOpsModule implements NestModule {
  constructor(
    @Inject(JUMIO_OPS_OPTIONS) private readonly options: Required<JumioOpsOptions>,
    private readonly metrics: JumioMetrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  static forRoot(options: JumioOpsOptions = {}): DynamicModule {
    const settings: Required<JumioOpsOptions> = { ...JUMIO_OPS_DEFAULTS, ...options };
    const providers: Provider[] = [{ provide: JUMIO_OPS_OPTIONS, useValue: settings }];
    // Only there to re-enter the request id's context around handlers (lost under Fastify's body parsing).
    if (settings.requestIdInLogs) {
      providers.push({ provide: APP_INTERCEPTOR, useClass: RequestIdInterceptor });
    }
    const { billableRateLimit } = settings;
    if (billableRateLimit) {
      providers.push(
        { provide: BILLABLE_THROTTLER_STORAGE, useClass: ThrottlerStorageService },
        {
          provide: APP_GUARD,
          useFactory: (
            storage: ThrottlerStorageService,
            reflector: Reflector,
            moduleRef: ModuleRef,
          ) => new BillableThrottlerGuard(billableRateLimit, storage, reflector, moduleRef),
          inject: [BILLABLE_THROTTLER_STORAGE, Reflector, ModuleRef],
        },
      );
    }
    return {
      module: JumioOpsModule,
      imports: [JumioObservabilityModule, ...(settings.health ? [TerminusModule] : [])],
      controllers: [
        ...(settings.health ? [HealthController] : []),
        ...(settings.metrics ? [MetricsController] : []),
      ],
      providers: [...providers, ...(settings.health ? [DatabaseHealth] : [])],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const requestIds = requestIdMiddleware(this.options);
    const callbackMetrics = callbackMetricsMiddleware(this.metrics);
    const adapter = this.adapterHost.httpAdapter;
    // On Fastify plain onRequest hooks: Nest middleware goes through @fastify/middie, which then runs its
    // path matching (and Nest's wrapper) on every request of the host, status reads included.
    if (adapter?.getType() === 'fastify') {
      adapter.getInstance<FastifyOnRequest>().addHook('onRequest', (request, reply, done) => {
        if (CALLBACK_PATH.test(request.raw.url ?? ''))
          callbackMetrics(request.raw, reply.raw, noop);
        requestIds(request.raw, reply.raw, done);
      });
      return;
    }
    // On Express a plain `use`: a Nest middleware for '*path' makes the router split every path into
    // a parameter array for each such middleware, on every request.
    const express = adapter?.getInstance<{ use(handler: typeof requestIds): unknown }>();
    if (adapter?.getType() === 'express' && express) express.use(requestIds);
    else consumer.apply(requestIds).forRoutes('*path');
    consumer.apply(callbackMetrics).forRoutes(`${CALLBACK_ROUTE}/*path`);
  }
}
