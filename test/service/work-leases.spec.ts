import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { CallbackInboxRepository } from '@app/jumio/persistence/callback-inbox.repository';
import { hostDataSourceOptions } from '../support/create-test-app';
import { migratedPostgres } from './service-kit';

/**
 * The row-lease helper as every worker uses it, on PostgreSQL, with two "instances": two DataSources
 * (two pools) on one database, each with its own repository, as two processes would have.
 */
describe('leases on PostgreSQL (service tier)', () => {
  let database: Awaited<ReturnType<typeof migratedPostgres>>;
  let otherPool: DataSource;

  beforeAll(async () => {
    database = await migratedPostgres();
    otherPool = await new DataSource({
      ...hostDataSourceOptions(database.db),
      migrationsRun: false,
    }).initialize();
  });
  afterAll(async () => {
    await otherPool?.destroy();
    await database?.close();
  });
  beforeEach(() => database.dataSource.query('DELETE FROM jumio_callback_inbox'));

  const inbox = (leaseMs?: number) => ({
    a: new CallbackInboxRepository(database.dataSource, leaseMs),
    b: new CallbackInboxRepository(otherPool, leaseMs),
  });

  /** A transaction row for callbacks to belong to (only the columns the table requires). */
  async function storeTransaction(): Promise<string> {
    const id = randomUUID();
    await database.dataSource.query(
      `INSERT INTO jumio_scan_transaction (id, user_id, type, status, customer_internal_reference,
         user_reference, callback_token_hash, attempt, created_at, updated_at, version)
       VALUES ($1, $1, 'POI', 'PENDING', $1, $1, $1, 1, now(), now(), 1)`,
      [id],
    );
    return id;
  }

  async function storeCallbacks(count: number, transactionId: string | null = null) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      ids.push(id);
      await database.dataSource.query(
        `INSERT INTO jumio_callback_inbox (id, received_at, scan_transaction_id, payload)
         VALUES ($1, $2, $3, 'sealed')`,
        [id, new Date(Date.now() - (count - i) * 1000), transactionId],
      );
    }
    return ids;
  }

  it('two workers leasing at the same moment never get the same row, and together get every due row', async () => {
    const stored = await storeCallbacks(30);
    const { a, b } = inbox();
    const [first, second] = await Promise.all([a.take(new Date(), 20), b.take(new Date(), 20)]);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].sort()).toEqual([...stored].sort());
    // Nothing is due any more while the leases run.
    expect(await a.anyDue(new Date())).toBe(false);
  });

  it('a lease keeps the second worker away until it expires; then the second worker takes the row over', async () => {
    const [id] = await storeCallbacks(1);
    const { a, b } = inbox(300);
    expect(await a.takeAndLoad(id, new Date())).toMatchObject({ id, sealedPayload: 'sealed' });
    expect(await b.takeAndLoad(id, new Date())).toBeNull();
    await sleep(400); // the first worker died: nobody renews its lease
    expect(await b.takeAndLoad(id, new Date())).toMatchObject({ id });
    expect(await a.takeAndLoad(id, new Date())).toBeNull();
  });

  it('a renewed lease stays with its holder past its first term; a released one is free at once', async () => {
    const [renewed, released] = await storeCallbacks(2);
    const { a, b } = inbox(300);
    await a.takeAndLoad(renewed, new Date());
    await a.takeAndLoad(released, new Date());
    a.leases.hold([renewed, released]);
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      await a.leases.renewHeld();
    }
    expect(await b.takeAndLoad(renewed, new Date())).toBeNull();
    await a.leases.release([released]);
    expect(await b.takeAndLoad(released, new Date())).toMatchObject({ id: released });
  });

  it('renewal never shortens a postponement and never revives a finished callback', async () => {
    const [postponed, finished] = await storeCallbacks(2);
    const { a, b } = inbox(300);
    await a.takeAndLoad(postponed, new Date());
    await a.takeAndLoad(finished, new Date());
    a.leases.hold([postponed, finished]);
    const later = new Date(Date.now() + 60_000);
    await a.postpone(postponed, later);
    await a.finish(finished, 'APPLIED');
    await a.leases.renewHeld();
    const rows = await database.dataSource.query<
      { id: string; claimed_until: Date | null; outcome: string | null; payload: string }[]
    >(`SELECT id, claimed_until, outcome, payload FROM jumio_callback_inbox`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(postponed)!.claimed_until!.getTime()).toBe(later.getTime());
    expect(byId.get(finished)).toMatchObject({
      claimed_until: null,
      outcome: 'APPLIED',
      payload: '',
    });
    expect(await b.takeAndLoad(postponed, new Date())).toBeNull();
    expect(await b.takeAndLoad(finished, new Date())).toBeNull();
  });

  it('closes a callback and the earlier unprocessed callbacks of its transaction in one statement, not later ones', async () => {
    const transactionId = await storeTransaction();
    const [earlier, current, later] = await storeCallbacks(3, transactionId);
    const [other] = await storeCallbacks(1, await storeTransaction());
    const { a } = inbox();
    const laterReceivedAt = (
      await database.dataSource.query<{ received_at: Date }[]>(
        'SELECT received_at FROM jumio_callback_inbox WHERE id = $1',
        [later],
      )
    )[0].received_at;
    await a.finishWithEarlier(
      current,
      'APPLIED',
      'scanReference',
      transactionId,
      new Date(laterReceivedAt.getTime() - 1),
    );
    const rows = await database.dataSource.query<
      {
        id: string;
        outcome: string | null;
        error_field: string | null;
        processed_at: Date | null;
      }[]
    >('SELECT id, outcome, error_field, processed_at FROM jumio_callback_inbox');
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(current)).toMatchObject({ outcome: 'APPLIED', error_field: 'scanReference' });
    expect(byId.get(earlier)).toMatchObject({ outcome: 'DUPLICATE', error_field: null });
    expect(byId.get(later)).toMatchObject({ outcome: null, processed_at: null });
    expect(byId.get(other)).toMatchObject({ outcome: null, processed_at: null });
  });
});
