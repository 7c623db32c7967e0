import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { JumioModuleOptions } from '../jumio.options';
import { OUTBOX_TABLE } from './outbox.writer';
import { OutboxRelay } from './outbox-relay.service';
import { ScanTransactionEvents } from './scan-transaction-events';

/** JSON.parse quotes the first characters of what it could not read. */
const CANARY = 'CANARY Jane Doe 1980-01-01';

describe('OutboxRelay timer', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
    }).initialize();
    await dataSource.query(`CREATE TABLE ${OUTBOX_TABLE} (id varchar(36) PRIMARY KEY,
      scan_transaction_id varchar(36) NOT NULL, user_id varchar(255) NOT NULL,
      scan_type varchar(3) NOT NULL, event_type varchar(16) NOT NULL, decision varchar(8),
      reasons text NOT NULL, occurred_at datetime NOT NULL, next_attempt_at datetime NOT NULL,
      attempts integer NOT NULL DEFAULT 0, claimed_until datetime, delivered_at datetime)`);
    // A row the relay cannot read (corrupted, or written by something else): its pass fails.
    await dataSource.query(
      `INSERT INTO ${OUTBOX_TABLE} (id, scan_transaction_id, user_id, scan_type, event_type,
         reasons, occurred_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        'e1',
        't1',
        'u1',
        'POI',
        'started',
        CANARY,
        '2020-01-01 00:00:00.000',
        '2020-01-01 00:00:00.000',
      ],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('logs a failed pass by error name only, never the message (it can quote stored values)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const relay = new OutboxRelay(
      { outboxRelayIntervalMs: 5 } as JumioModuleOptions,
      dataSource,
      new ScanTransactionEvents(),
    );
    try {
      relay.onApplicationBootstrap();
      for (let i = 0; i < 200 && warn.mock.calls.length === 0; i++) await sleep(10);
      await relay.onModuleDestroy();
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines[0]).toMatch(/^Relay pass failed: SyntaxError/);
      for (const line of lines) expect(line).not.toContain('CANARY');
    } finally {
      warn.mockRestore();
    }
  });
});
