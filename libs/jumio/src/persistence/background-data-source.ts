import { Logger, type FactoryProvider, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { JUMIO_ENTITIES } from './jumio.entities';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';

/**
 * The database connection of the module's background work (callback confirmation, reconciliation,
 * outbox relay, data-protection job). On PostgreSQL it is a second DataSource built from the host's
 * options with a small pool of its own (`backgroundPoolSize`), so that confirmations never wait in the
 * queue of the host's pool behind the requests (callback ingestion, status reads), and requests never
 * wait behind background work. Same database, same tables, no migrations of its own; closed at
 * shutdown, after the jobs stopped. On SQLite (one writer anyway), on an API-only instance (no background
 * work) and with `backgroundPoolSize: 0`, it is the host's DataSource itself.
 */
export class BackgroundDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('JumioBackgroundDatabase');

  constructor(
    readonly dataSource: DataSource,
    /** True when the pool is this module's own (closed at shutdown). */
    readonly ownsPool: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.ownsPool || !this.dataSource.isInitialized) return;
    await this.dataSource.destroy().catch((error: unknown) => {
      this.logger.warn(`Background pool not closed cleanly: ${(error as Error).name}`);
    });
  }
}

/** Connections of the background pool this instance opens; 0 means it shares the host's pool. */
export function backgroundPoolSize(settings: JumioSettings, host: DataSource): number {
  return host.options.type === 'postgres' ? settings.instance.backgroundPoolSize : 0;
}

/** The host's connection settings with a pool of `size` and only the module's entities. */
export function backgroundDataSourceOptions(
  host: DataSourceOptions,
  size: number,
): DataSourceOptions {
  if (host.type !== 'postgres') throw new Error('A background pool is for PostgreSQL only');
  return {
    ...host,
    entities: [...JUMIO_ENTITIES],
    migrations: [],
    migrationsRun: false,
    synchronize: false,
    dropSchema: false,
    poolSize: size,
    // pg reads `max` from `extra` last: the host's own pool size must not carry over.
    extra: { ...(host.extra as Record<string, unknown> | undefined), max: size },
  };
}

export const BACKGROUND_DATABASE_PROVIDER: FactoryProvider<BackgroundDatabase> = {
  provide: BackgroundDatabase,
  inject: [JUMIO_SETTINGS, DataSource],
  useFactory: async (settings: JumioSettings, host: DataSource) => {
    const size = backgroundPoolSize(settings, host);
    if (size === 0) return new BackgroundDatabase(host, false);
    const own = new DataSource(backgroundDataSourceOptions(host.options, size));
    await own.initialize();
    return new BackgroundDatabase(own, true);
  },
};
