import { JumioModule, type JumioModuleOptions } from '@app/jumio';
import { JumioOpsModule, type JumioOpsOptions } from '@app/jumio/ops';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { DemoPageController } from './demo-page.controller';
import { devUserMiddleware } from './dev-user.middleware';

export interface DemoSettings {
  database: DataSourceOptions;
  jumio: JumioModuleOptions;
  /** Health, metrics, request ids and rate limits (JumioOpsModule). */
  ops?: JumioOpsOptions;
}

/** The demo onboarding backend: imports JumioModule exactly as a bank's backend would. */
@Module({})
export class AppModule implements NestModule {
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

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(devUserMiddleware).forRoutes('*path');
  }
}
