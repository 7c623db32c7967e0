import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { CallbackInboxService } from '@app/jumio/callback/callback-inbox.service';
import {
  CALLBACK_INBOX_JOB,
  CallbackConfirmation,
} from '@app/jumio/callback/callback-confirmation.service';
import { JumioJobScheduler } from '@app/jumio/jobs/job-scheduler';
import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ScanTransactionEvents } from '@app/jumio';
import { ScanTransactionService } from '@app/jumio/start/scan-transaction.service';
import { hashCallbackToken } from '@app/jumio/common/scan-secrets';
import { createTestDatabase, type TestDatabase } from '../support/create-test-app';
import { finishWebJourney, WEB_URLS } from '../support/jumio-test-kit';
import { callbackTokenOf, DRIVEN_BACKGROUND as DRIVEN, startModule } from './service-kit';

describe('inbox confirmation on PostgreSQL, two instances (service tier)', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    sandbox.control.dropCallbacks('all'); // the test hands the callbacks to the module itself
    db = await createTestDatabase('postgres');
    first = await startModule(db, sandbox.url, DRIVEN);
    second = await startModule(db, sandbox.url, DRIVEN);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await sandbox?.close();
    await db?.stop();
  });

  it('applies a result once, however many copies of its callback arrive and however many workers sweep', async () => {
    const started = await first
      .get(ScanTransactionService)
      .initiateWeb('confirm-once', { ...WEB_URLS });
    await finishWebJourney(started.redirectUrl, 'APPROVED_VERIFIED');
    const [callback] = await sandbox.control.waitForCallbacks(1);
    const token = callbackTokenOf(callback);

    // Jumio sends it three times (its retries), to both instances.
    const inboxOf = (app: INestApplication) => app.get(CallbackInboxService);
    const form = callback.fields as Record<string, unknown>;
    for (const app of [first, second, first]) {
      expect(await inboxOf(app).record(hashCallbackToken(token), form)).toEqual(expect.any(String));
    }
    const events: string[] = [];
    for (const app of [first, second])
      app.get(ScanTransactionEvents).subscribe((event) => void events.push(event.type));

    await Promise.all(
      [first, second].map((app) => app.get(JumioJobScheduler).runNow(CALLBACK_INBOX_JOB)),
    );
    await Promise.all([first, second].map((app) => app.get(CallbackConfirmation).settled()));
    await Promise.all([first, second].map((app) => app.get(OutboxRelay).runOnce()));

    const dataSource = first.get(DataSource);
    const outcomes = await dataSource.query<{ outcome: string; payload: string }[]>(
      'SELECT outcome, payload FROM jumio_callback_inbox ORDER BY received_at',
    );
    expect(outcomes.map((row) => row.outcome).sort()).toEqual([
      'APPLIED',
      'DUPLICATE',
      'DUPLICATE',
    ]);
    expect(outcomes.every((row) => row.payload === '')).toBe(true);
    const results = await dataSource.query<{ decision: string }[]>(
      'SELECT decision FROM jumio_verification_result WHERE scan_transaction_id = $1',
      [started.transactionId],
    );
    expect(results).toEqual([{ decision: 'APPROVED' }]);
    expect(events.filter((type) => type === 'verified')).toHaveLength(1);
    const status = await second.get(ScanTransactionService).getStatus('confirm-once', 'POI');
    expect(status).toMatchObject({ verification: { decision: 'APPROVED' } });
  });
});
