import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { JumioModuleOptions } from './jumio.options';

export const {
  ConfigurableModuleClass: JumioConfigurableModule,
  MODULE_OPTIONS_TOKEN: JUMIO_MODULE_OPTIONS,
  OPTIONS_TYPE: JUMIO_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: JUMIO_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<JumioModuleOptions>({ moduleName: 'Jumio' })
  .setClassMethodName('forRoot')
  .build();
