import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { OUTBOX_TABLE } from './outbox-table';
import { JUMIO_ENTITIES } from './jumio.entities';
import { JUMIO_MIGRATIONS } from './migrations/jumio-migrations';

/** Tables written with plain SQL, without an entity. */
const TABLES_WITHOUT_ENTITY = [OUTBOX_TABLE, 'jumio_start_claim'];

export class JumioSchemaError extends Error {
  constructor(message: string) {
    super(`JumioModule: ${message}`);
    this.name = 'JumioSchemaError';
  }
}

/**
 * At start-up, before any request or background pass: the host's DataSource knows the Jumio entities, and
 * the Jumio tables exist with every Jumio migration applied. Otherwise the start fails naming what is
 * missing, instead of a 500 "no such table" on the first request.
 */
@Injectable()
export class JumioSchemaCheck implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const unknown = JUMIO_ENTITIES.filter((entity) => !this.dataSource.hasMetadata(entity));
    if (unknown.length > 0) {
      throw new JumioSchemaError(
        `the DataSource does not know the Jumio entities ${unknown.map((entity) => entity.name).join(', ')}: ` +
          'add JUMIO_ENTITIES to its `entities` (or set `autoLoadEntities: true`)',
      );
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      const missing = await this.missingTables(runner);
      if (missing.length > 0) {
        throw new JumioSchemaError(
          `the Jumio tables ${missing.join(', ')} do not exist: run JUMIO_MIGRATIONS ` +
            "(add them to the DataSource's `migrations` with `migrationsRun: true`, or run them with the TypeORM CLI)",
        );
      }
      const pending = await this.pendingMigrations(runner);
      if (pending.length > 0) {
        throw new JumioSchemaError(
          `the Jumio migrations ${pending.join(', ')} have not run: run JUMIO_MIGRATIONS ` +
            '(`migrationsRun: true`, or the TypeORM CLI)',
        );
      }
    } finally {
      await runner.release();
    }
  }

  private async missingTables(runner: QueryRunner): Promise<string[]> {
    const tables = [
      ...JUMIO_ENTITIES.map((entity) => this.dataSource.getMetadata(entity).tableName),
      ...TABLES_WITHOUT_ENTITY,
    ];
    const missing: string[] = [];
    for (const table of tables) if (!(await runner.hasTable(table))) missing.push(table);
    return missing;
  }

  /**
   * Jumio migrations the host registered but has not applied. Only when the host runs Jumio's own migration
   * classes through TypeORM (a host copying the SQL into its own migrations is trusted on the tables).
   */
  private async pendingMigrations(runner: QueryRunner): Promise<string[]> {
    const registered = new Set(this.dataSource.migrations.map((migration) => migration.name));
    const ours = JUMIO_MIGRATIONS.map((migration) => new migration().name).filter((name) =>
      registered.has(name),
    );
    if (ours.length === 0) return [];
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    if (!(await runner.hasTable(table))) return ours;
    let rows: Array<{ name: string }>;
    try {
      rows = (await runner.query(
        `SELECT ${runner.connection.driver.escape('name')} AS name FROM ${runner.connection.driver.escape(table)}`,
      )) as Array<{ name: string }>;
    } catch {
      return []; // a migrations table we cannot read (e.g. schema-qualified): the tables check stands
    }
    const applied = new Set(rows.map((row) => row.name));
    return ours.filter((name) => !applied.has(name));
  }
}
