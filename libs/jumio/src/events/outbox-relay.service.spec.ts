import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { JumioJobScheduler } from '../jobs/job-scheduler';
import type { JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../persistence/background-data-source';
import { OUTBOX_TABLE } from '../persistence/outbox-table';
import { OutboxRelay } from './outbox-relay.service';
import { ScanTransactionEvents } from './scan-transaction-events';

const CANARY = 'CANARY Jane Doe 1980-01-01';

describe('OutboxRelay timer', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
    }).initialize();
    await createOutboxTable(dataSource);
    // The database refuses the claim, quoting a stored value in its message: the pass fails.
    await dataSource.query(`CREATE TRIGGER refuse_claims BEFORE UPDATE ON ${OUTBOX_TABLE}
      BEGIN SELECT RAISE(ABORT, '${CANARY}'); END`);
    await insertEvent(dataSource, 'e1', '[]', '2020-01-01 00:00:00.000');
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('logs a failed pass by error name only, never the message (it can quote stored values)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const options = {
      instance: { outboxRelayIntervalMs: 5, runsBackgroundWork: true },
    } as unknown as JumioSettings;
    const scheduler = new JumioJobScheduler(options);
    const relay = new OutboxRelay(
      options,
      new BackgroundDatabase(dataSource, false),
      new ScanTransactionEvents(),
      scheduler,
    );
    for (const job of relay.jobs()) scheduler.register(job);
    try {
      scheduler.onApplicationBootstrap();
      for (let i = 0; i < 200 && warn.mock.calls.length === 0; i++) await sleep(10);
      await scheduler.onModuleDestroy();
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines[0]).toMatch(/^Job outbox relay failed: QueryFailedError/);
      for (const line of lines) expect(line).not.toContain('CANARY');
    } finally {
      warn.mockRestore();
    }
  });
});

async function createOutboxTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(`CREATE TABLE ${OUTBOX_TABLE} (id varchar(36) PRIMARY KEY,
    scan_transaction_id varchar(36) NOT NULL, user_id varchar(255) NOT NULL,
    scan_type varchar(3) NOT NULL, event_type varchar(16) NOT NULL, decision varchar(8),
    reasons text NOT NULL, occurred_at datetime NOT NULL, next_attempt_at datetime NOT NULL,
    attempts integer NOT NULL DEFAULT 0, claimed_until datetime, delivered_at datetime)`);
}

async function insertEvent(
  dataSource: DataSource,
  id: string,
  reasons: string,
  occurredAt: string,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO ${OUTBOX_TABLE} (id, scan_transaction_id, user_id, scan_type, event_type,
       reasons, occurred_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, 't1', 'u1', 'POI', 'started', reasons, occurredAt, occurredAt],
  );
}

describe('OutboxRelay with an unreadable row', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
    }).initialize();
    await createOutboxTable(dataSource);
    // Reasons the relay cannot read (corrupted, or written by something else), then a later event.
    await insertEvent(dataSource, 'e1', CANARY, '2020-01-01 00:00:00.000');
    await insertEvent(dataSource, 'e2', '["NO_FACE"]', '2020-01-01 00:00:01.000');
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('delivers it without reasons and does not hold back the transaction’s later events', async () => {
    const events = new ScanTransactionEvents();
    const seen: Array<{ id: string; reasons: string[] }> = [];
    events.subscribe((event) => {
      seen.push({ id: event.id, reasons: event.reasons });
    });
    const options = {
      instance: { outboxRelayIntervalMs: 0, runsBackgroundWork: true },
    } as unknown as JumioSettings;
    const scheduler = new JumioJobScheduler(options);
    const relay = new OutboxRelay(options, new BackgroundDatabase(dataSource, false), events, scheduler);
    for (const job of relay.jobs()) scheduler.register(job);
    const report = await relay.runOnce();
    expect(report).toEqual({ delivered: ['e1', 'e2'], failed: [] });
    expect(seen).toEqual([
      { id: 'e1', reasons: [] },
      { id: 'e2', reasons: ['NO_FACE'] },
    ]);
  });
});
