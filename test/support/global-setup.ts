import { startPostgresServer } from './postgres-server';

/** One PostgreSQL server for the whole Jest run; each test file creates its own database on it. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_POSTGRES_ADMIN_URL) return;
  const server = await startPostgresServer();
  process.env.TEST_POSTGRES_ADMIN_URL = server.adminUrl;
  (globalThis as { __JUMIO_PG__?: typeof server }).__JUMIO_PG__ = server;
}
