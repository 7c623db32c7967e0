import type { DynamicModule, FactoryProvider, InjectionToken, Provider } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JUMIO_ENTITIES } from './persistence/jumio.entities';
import type { JumioModuleOptions } from './options/jumio.options';
import { JUMIO_SETTINGS } from './options/jumio-settings';
import { resolveJumioSettings } from './option-validation/resolve-jumio-settings';
import { validateJumioOptions } from './option-validation/validate-jumio-options';

/*
 * How forRoot / forRootAsync turn into JumioModule's definition (ConfigurableModuleBuilder's transform):
 * the options are validated where they are provided, and the module uses the host's chosen DataSource.
 */

/**
 * Replaces the builder's options provider (a value for forRoot, a factory for forRootAsync) with one that
 * validates what it provides, and adds the one provider that resolves them into `JUMIO_SETTINGS` (every
 * default applied, milliseconds throughout): services read the settings, checked and resolved once.
 */
export function withValidatedOptions(
  definition: DynamicModule,
  optionsToken: InjectionToken,
): DynamicModule {
  const providers = (definition.providers ?? []).map((provider): Provider => {
    if (
      typeof provider !== 'object' ||
      !('provide' in provider) ||
      provider.provide !== optionsToken
    ) {
      return provider;
    }
    if ('useValue' in provider) {
      const options = provider.useValue as JumioModuleOptions;
      return { provide: optionsToken, useFactory: () => validateJumioOptions(options) };
    }
    if ('useFactory' in provider) {
      const factory = provider as FactoryProvider<JumioModuleOptions | Promise<JumioModuleOptions>>;
      return {
        provide: optionsToken,
        inject: factory.inject,
        useFactory: async (...dependencies: unknown[]) =>
          validateJumioOptions(await factory.useFactory(...dependencies)),
      };
    }
    return provider;
  });
  const settings: Provider = {
    provide: JUMIO_SETTINGS,
    useFactory: resolveJumioSettings,
    inject: [optionsToken],
  };
  return { ...definition, providers: [...providers, settings] };
}

/**
 * Registers the entities with the host's DataSource (default or named) and, for a named one, makes it the
 * `DataSource` every Jumio provider receives (inside JumioModule only; the host's own injections are
 * untouched).
 */
export function withJumioDataSource(definition: DynamicModule, dataSource?: string): DynamicModule {
  const named = dataSource !== undefined && getDataSourceToken(dataSource) !== DataSource;
  return {
    ...definition,
    imports: [
      ...(definition.imports ?? []),
      TypeOrmModule.forFeature([...JUMIO_ENTITIES], dataSource),
    ],
    providers: [
      ...(definition.providers ?? []),
      ...(named ? [{ provide: DataSource, useExisting: getDataSourceToken(dataSource) }] : []),
    ],
  };
}
