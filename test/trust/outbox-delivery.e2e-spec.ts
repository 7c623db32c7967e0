import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ScanTransactionEvents, type ScanTransactionEvent } from '@app/jumio';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';
import { rowsOf, waitUntil } from './support/trust-kit';

describe.each(DATABASES)('event delivery through the outbox (%s)', (database) => {
  let kit: JumioTestKit;
  let relay: OutboxRelay;
  let events: ScanTransactionEvents;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, {
      reconciliationIntervalMs: 0,
      outboxRelayIntervalMs: 0,
    });
    relay = kit.app.app.get(OutboxRelay);
    events = kit.app.app.get(ScanTransactionEvents);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('writes one event per state change, in the same database transaction', async () => {
    const user = kit.as('counted');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    const { transactionId } = await user.status('poi');
    await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' }); // no change, no event
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    await waitUntil(
      'the result',
      async () => (await user.status('poi')).verification?.decision === 'APPROVED',
    );
    const rows = await rowsOf<{ event_type: string; delivered_at: unknown }>(
      kit,
      'jumio_outbox_event',
      transactionId!,
    );
    expect(rows.map((row) => row.event_type).sort()).toEqual(['started', 'uploaded', 'verified']);
    expect(rows.every((row) => row.delivered_at === null)).toBe(true);
    await relay.runOnce();
  });

  it('delivers once per change after a crash between publishing and marking (at least once, same ids)', async () => {
    const seen: ScanTransactionEvent[] = [];
    let crash = true;
    const unsubscribeRecorder = events.subscribe((event) => void seen.push(event));
    // Runs after the recorder: the event was handed over, then the "process" fails before marking it.
    const unsubscribeCrasher = events.subscribe(() => {
      if (crash) throw new Error('simulated crash after publish');
    });
    try {
      const user = kit.as('crashy');
      const started = await user.post('poi', 'initiate', WEB_URLS);
      const { transactionId } = await user.status('poi');
      await finishWebJourney(started.body.redirectUrl, 'ERROR_NOT_READABLE_ID');
      await waitUntil(
        'the result',
        async () => (await user.status('poi')).verification?.decision === 'RETRY',
      );

      // Events of one transaction stay in order: only the oldest undelivered one is handed out.
      const firstPass = await relay.runOnce();
      expect(firstPass.delivered).toEqual([]);
      expect(seen.map((event) => event.type)).toEqual(['started']);

      crash = false;
      for (let pass = 0; pass < 5; pass++) await relay.runOnce(new Date(Date.now() + 3_600_000));
      const mine = seen.filter((event) => event.transactionId === transactionId);
      expect(mine.map((event) => event.type)).toEqual(['started', 'started', 'retry']);
      expect(mine[0].id).toBe(mine[1].id); // the redelivery carries the same idempotency key
      const unique = new Map(mine.map((event) => [event.id, event.type]));
      expect([...unique.values()]).toEqual(['started', 'retry']);
      const rows = await rowsOf<{ delivered_at: unknown }>(
        kit,
        'jumio_outbox_event',
        transactionId!,
      );
      expect(rows.every((row) => row.delivered_at !== null)).toBe(true);
      expect((await relay.runOnce()).delivered).toEqual([]);
    } finally {
      unsubscribeRecorder();
      unsubscribeCrasher();
    }
  });

  it('redelivers what a stopped instance claimed once its lease ran out', async () => {
    const user = kit.as('stopped');
    await user.post('poi', 'initiate', WEB_URLS);
    const { transactionId } = await user.status('poi');
    // An instance claimed the event and stopped before publishing (as if killed): only the lease is left.
    await kit.app.dataSource.query(
      `UPDATE jumio_outbox_event SET claimed_until = ${database === 'postgres' ? "now() + interval '30 seconds'" : "strftime('%Y-%m-%d %H:%M:%f', 'now', '+30 seconds')"} WHERE scan_transaction_id = '${transactionId}'`,
    );
    const seen: string[] = [];
    const unsubscribe = events.subscribe((event) => void seen.push(event.transactionId));
    try {
      await relay.runOnce();
      expect(seen).not.toContain(transactionId);
      await relay.runOnce(new Date(Date.now() + 60_000));
      expect(seen.filter((id) => id === transactionId)).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });
});

describe('events on @nestjs/event-emitter', () => {
  it('are emitted as jumio.scan-transaction.<type> when the host has EventEmitterModule', async () => {
    const { startJumioSandbox } = await import('@app/jumio-sandbox');
    const { JumioModule } = await import('@app/jumio');
    const { TypeOrmModule } = await import('@nestjs/typeorm');
    const { createTestDatabase, hostDataSourceOptions, testJumioOptions } =
      await import('../support/create-test-app');
    const { freePort } = await import('../support/free-port');
    const sandbox = await startJumioSandbox({
      port: 0,
      callbackDelayMs: 0,
      logger: () => undefined,
    });
    const db = await createTestDatabase('sqlite');
    const port = await freePort();
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        TypeOrmModule.forRoot(hostDataSourceOptions(db)),
        JumioModule.forRoot({
          ...testJumioOptions(sandbox.url, {
            reconciliationIntervalMs: 0,
            outboxRelayIntervalMs: 0,
          }),
          callbackBaseUrl: `http://127.0.0.1:${port}`,
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.listen(port, '127.0.0.1');
    try {
      const emitted: ScanTransactionEvent[] = [];
      app
        .get(EventEmitter2)
        .on(
          'jumio.scan-transaction.started',
          (event: ScanTransactionEvent) => void emitted.push(event),
        );
      const { default: request } = await import('supertest');
      const started = await request(`http://127.0.0.1:${port}`)
        .post('/api/private/jumio/poi/!initiate')
        .set('X-User-Id', 'emitter-user')
        .send(WEB_URLS);
      expect(started.status).toBe(200);
      await app.get(OutboxRelay).runOnce();
      expect(emitted).toMatchObject([
        { type: 'started', userId: 'emitter-user', stepCode: 'JUMIO' },
      ]);
    } finally {
      await app.close();
      await sandbox.close();
      await db.stop();
    }
  });
});
