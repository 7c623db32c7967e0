import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** URL of a fresh, empty database. */
  url: string;
  /** Drops the database. */
  stop(): Promise<void>;
}

/**
 * A fresh database on the run's real PostgreSQL server (started once in Jest's global set-up).
 */
export async function startPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  if (!adminUrl)
    throw new Error('TEST_POSTGRES_ADMIN_URL is not set: run through jest (global set-up)');
  const name = `jumio_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(adminUrl: string, work: (client: Client) => Promise<unknown>) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
