import type { PostgresServer } from './postgres-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __JUMIO_PG__?: PostgresServer }).__JUMIO_PG__;
  await server?.stop();
}
