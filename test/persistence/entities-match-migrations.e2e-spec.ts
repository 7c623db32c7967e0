import { JUMIO_ENTITIES, JUMIO_MIGRATIONS } from '@app/jumio';
import { DataSource, type TableColumn } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { createTestDatabase, DATABASES, type TestDatabase } from '../support/create-test-app';

/** What a column is, in words both databases and TypeORM's metadata agree on. */
interface ColumnShape {
  type: string;
  length: string;
  nullable: boolean;
}

const TYPE_WORDS: Record<string, string> = {
  'character varying': 'varchar',
  varchar: 'varchar',
  text: 'text',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  // Entities declare timestamps as `type: Date` (TypeORM: `timestamp` on PostgreSQL, `datetime` on
  // SQLite) and convert values the same way for the `timestamptz` the PostgreSQL migrations create.
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamp',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  boolean: 'boolean',
};

const word = (type: string) => TYPE_WORDS[type.toLowerCase()] ?? type.toLowerCase();

/**
 * The tables the migrations create are the tables the entities describe: every column on both sides,
 * with the same type, length and nullability. The migrations are the schema (never `synchronize`), so
 * an entity that drifts from them reads or writes columns that are not what it says.
 */
describe.each(DATABASES)('entities match the migrations (%s)', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await new DataSource({
      ...database.options,
      entities: JUMIO_ENTITIES,
      migrations: JUMIO_MIGRATIONS,
      logging: false,
    }).initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.stop();
  });

  const fromEntity = (column: ColumnMetadata): ColumnShape => {
    const type = word(dataSource.driver.normalizeType(column));
    return {
      type,
      length: type === 'varchar' ? String(column.length) : '',
      nullable: column.isNullable,
    };
  };
  const fromTable = (column: TableColumn): ColumnShape => {
    const type = word(column.type);
    return {
      type,
      length: type === 'varchar' ? String(column.length) : '',
      nullable: column.isNullable,
    };
  };

  it('has an entity for every table but those only raw SQL touches', async () => {
    const runner = dataSource.createQueryRunner();
    const tables = await runner.getTables().finally(() => runner.release());
    const withEntity = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    const withoutEntity = tables
      .map((table) => table.name.replace(/^public\./, ''))
      .filter((name) => name.startsWith('jumio_') && !withEntity.includes(name));
    // Rows with no object: events waiting for delivery and the start claims (persistence/ SQL only).
    expect(withoutEntity.sort()).toEqual(['jumio_outbox_event', 'jumio_start_claim']);
  });

  it.each(JUMIO_ENTITIES.map((entity) => [entity.name, entity] as const))(
    '%s',
    async (_name, entity) => {
      const metadata = dataSource.getMetadata(entity);
      const runner = dataSource.createQueryRunner();
      const table = await runner.getTable(metadata.tableName).finally(() => runner.release());
      expect(table).toBeDefined();
      const migrated = Object.fromEntries(
        table!.columns.map((column) => [column.name, fromTable(column)]),
      );
      const described = Object.fromEntries(
        metadata.columns.map((column) => [column.databaseName, fromEntity(column)]),
      );
      expect(described).toEqual(migrated);
    },
  );
});
