import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { JumioModuleOptions } from './options/jumio.options';
import { withJumioDataSource, withValidatedOptions } from './jumio-module.setup';
import { JUMIO_MODULE_OPTIONS as OPTIONS_TOKEN } from './options/jumio-module-options.token';

/** Options of `forRoot` / `forRootAsync` that shape the module itself rather than its behaviour. */
export interface JumioModuleExtras {
  /**
   * Name of the host's TypeORM DataSource holding the Jumio tables (`TypeOrmModule.forRoot({ name })`).
   * Default: the unnamed (default) DataSource.
   */
  dataSource?: string;
}

export const {
  ConfigurableModuleClass: JumioConfigurableModule,
  MODULE_OPTIONS_TOKEN: JUMIO_MODULE_OPTIONS,
  OPTIONS_TYPE: JUMIO_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: JUMIO_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JumioModuleOptions>({
  moduleName: 'Jumio',
  optionsInjectionToken: OPTIONS_TOKEN,
})
  .setClassMethodName('forRoot')
  .setExtras<JumioModuleExtras>({ dataSource: undefined }, (definition, extras) =>
    withJumioDataSource(withValidatedOptions(definition, OPTIONS_TOKEN), extras.dataSource),
  )
  .build();
