import { randomUUID } from 'node:crypto';
import type { JumioSettings } from '@app/jumio/options/jumio-settings';
import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ScanTransactionEvents } from '@app/jumio/events/scan-transaction-events';
import { BackgroundDatabase } from '@app/jumio/persistence/background-data-source';
import { backoffMs, OUTBOX_BACKOFF } from '@app/jumio/common/backoff';
import { JumioJobScheduler } from '@app/jumio/jobs/job-scheduler';
import { migratedPostgres } from './service-kit';

/** The relay on PostgreSQL, built by hand: a failing subscriber's event backs off, then is delivered once. */
describe('outbox relay backoff on PostgreSQL (service tier)', () => {
  let database: Awaited<ReturnType<typeof migratedPostgres>>;

  beforeAll(async () => {
    database = await migratedPostgres();
  });
  afterAll(() => database?.close());

  it('a failed delivery waits OUTBOX_BACKOFF (2 s, then 4 s), is not due meanwhile, and is delivered once when due', async () => {
    const id = randomUUID();
    const occurredAt = new Date(Date.now() - 60_000);
    await database.dataSource.query(
      `INSERT INTO jumio_outbox_event (id, scan_transaction_id, user_id, scan_type, event_type, reasons,
         occurred_at, next_attempt_at) VALUES ($1, $2, 'u1', 'POI', 'started', '[]', $3, $3)`,
      [id, randomUUID(), occurredAt],
    );
    const options = {
      instance: { outboxRelayIntervalMs: 0, runsBackgroundWork: true },
    } as unknown as JumioSettings;
    const events = new ScanTransactionEvents();
    let failing = true;
    const delivered: string[] = [];
    events.subscribe((event) => {
      if (failing) throw new Error('subscriber down');
      delivered.push(event.id);
    });
    const scheduler = new JumioJobScheduler(options);
    const relay = new OutboxRelay(
      options,
      new BackgroundDatabase(database.dataSource, false),
      events,
      scheduler,
    );
    for (const job of relay.jobs()) scheduler.register(job);
    const row = async () =>
      (
        await database.dataSource.query<
          {
            attempts: number;
            next_attempt_at: Date;
            delivered_at: Date | null;
            claimed_until: Date | null;
          }[]
        >('SELECT attempts, next_attempt_at, delivered_at, claimed_until FROM jumio_outbox_event')
      )[0];

    const before = Date.now();
    expect(await relay.runOnce()).toEqual({ delivered: [], failed: [id] });
    let stored = await row();
    expect(stored.attempts).toBe(1);
    expect(stored.claimed_until).toBeNull();
    const firstWait = stored.next_attempt_at.getTime() - before;
    expect(firstWait).toBeGreaterThanOrEqual(backoffMs(OUTBOX_BACKOFF, { attempts: 1 }) - 50);
    expect(firstWait).toBeLessThan(backoffMs(OUTBOX_BACKOFF, { attempts: 1 }) + 1_000);

    // Not due before its time: nothing is tried.
    expect(await relay.runOnce(new Date())).toEqual({ delivered: [], failed: [] });
    // Due (judged 3 s later): fails again, waits twice as long.
    const later = new Date(Date.now() + 3_000);
    expect(await relay.runOnce(later)).toEqual({ delivered: [], failed: [id] });
    stored = await row();
    expect(stored.attempts).toBe(2);
    const secondWait = stored.next_attempt_at.getTime() - Date.now();
    expect(secondWait).toBeGreaterThan(backoffMs(OUTBOX_BACKOFF, { attempts: 2 }) - 1_000);

    failing = false;
    const due = new Date(Date.now() + 10_000);
    expect(await relay.runOnce(due)).toEqual({ delivered: [id], failed: [] });
    expect(await relay.runOnce(due)).toEqual({ delivered: [], failed: [] });
    expect(delivered).toEqual([id]);
    stored = await row();
    expect(stored.attempts).toBe(3);
    expect(stored.delivered_at).not.toBeNull();
  });
});
