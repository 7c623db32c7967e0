import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { CallbackInboxService } from '@app/jumio/callback/callback-inbox.service';
import {
  CALLBACK_INBOX_JOB,
  CallbackConfirmation,
} from '@app/jumio/callback/callback-confirmation.service';
import { JumioJobScheduler } from '@app/jumio/jobs/job-scheduler';
import { ScanTransactionService } from '@app/jumio/start/scan-transaction.service';
import { hashCallbackToken } from '@app/jumio/common/scan-secrets';
import { createTestDatabase, type TestDatabase } from '../support/create-test-app';
import { finishWebJourney, WEB_URLS } from '../support/jumio-test-kit';
import { callbackTokenOf, DRIVEN_BACKGROUND, startModule, statementRecorder } from './service-kit';

/** Every statement TypeORM sends (the host's pool and the background pool, which copies the options). */
const statements: string[] = [];
const countingLogger = statementRecorder(statements);

/*
 * A confirmed callback is closed in the database transaction that records its result: the decision and
 * "this callback is done" commit together or not at all (one commit fewer per confirmation, and no
 * window where a result is applied while its callback still waits to be confirmed again).
 */
describe('callback closed inside its result’s transaction (service tier, PostgreSQL)', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let app: INestApplication;
  let dataSource: DataSource;
  let callbacksSeen = 0;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    sandbox.control.dropCallbacks('all'); // the test hands the callbacks to the module itself
    db = await createTestDatabase('postgres');
    app = await startModule(db, sandbox.url, DRIVEN_BACKGROUND, {
      logging: ['query'],
      logger: countingLogger,
    });
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.stop();
  });

  async function storedCallback(userId: string) {
    const started = await app.get(ScanTransactionService).initiateWeb(userId, { ...WEB_URLS });
    await finishWebJourney(started.redirectUrl, 'APPROVED_VERIFIED');
    const callbacks = await sandbox.control.waitForCallbacks(++callbacksSeen);
    const callback = callbacks[callbacks.length - 1];
    const token = callbackTokenOf(callback);
    await app.get(CallbackInboxService).record(hashCallbackToken(token), callback.fields);
    return started.transactionId;
  }

  async function confirmPending(): Promise<void> {
    await app.get(JumioJobScheduler).runNow(CALLBACK_INBOX_JOB);
    await app.get(CallbackConfirmation).settled();
  }

  const inboxRows = (transactionId: string) =>
    dataSource.query<{ outcome: string | null; processed: boolean }[]>(
      `SELECT outcome, processed_at IS NOT NULL AS processed FROM jumio_callback_inbox
       WHERE scan_transaction_id = $1`,
      [transactionId],
    );
  const decisionOf = async (transactionId: string) =>
    (
      await dataSource.query<{ decision: string | null }[]>(
        'SELECT decision FROM jumio_scan_transaction WHERE id = $1',
        [transactionId],
      )
    )[0].decision;

  it('closes the callback between the BEGIN and the COMMIT of its result, one commit in all', async () => {
    const transactionId = await storedCallback('close-atomic-1');
    statements.length = 0;
    await confirmPending();

    // From the confirmation's read of its transaction on (the sweep's lease before it is its own batch).
    const read = statements.findIndex((sql) =>
      /^SELECT[\s\S]*FROM "jumio_scan_transaction"/i.test(sql),
    );
    const confirmation = statements.slice(read);
    const begin = confirmation.findIndex((sql) => /^(BEGIN|START TRANSACTION)/i.test(sql));
    const commit = confirmation.findIndex((sql) => /^COMMIT/i.test(sql));
    const close = confirmation.findIndex((sql) => /^UPDATE\s+"?jumio_callback_inbox"?/i.test(sql));
    expect(read).toBeGreaterThanOrEqual(0);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(close).toBeGreaterThan(begin);
    expect(commit).toBeGreaterThan(close);
    expect(confirmation.filter((sql) => /^COMMIT/i.test(sql))).toHaveLength(1);
    expect(await inboxRows(transactionId)).toEqual([{ outcome: 'APPLIED', processed: true }]);
    expect(await decisionOf(transactionId)).toBe('APPROVED');
  });

  it('applies nothing when the callback cannot be closed, and applies it once when it can', async () => {
    const transactionId = await storedCallback('close-atomic-2');
    // A real failure of the close, in PostgreSQL itself: the inbox refuses to be marked APPLIED.
    await dataSource.query(`
      CREATE FUNCTION refuse_close() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'close refused by the test'; END $$`);
    await dataSource.query(`
      CREATE TRIGGER refuse_close BEFORE UPDATE ON jumio_callback_inbox
      FOR EACH ROW WHEN (NEW.outcome = 'APPLIED') EXECUTE FUNCTION refuse_close()`);
    try {
      await confirmPending();
      // Neither the decision nor the close: the callback waits to be confirmed again.
      expect(await decisionOf(transactionId)).toBeNull();
      expect(await inboxRows(transactionId)).toEqual([{ outcome: null, processed: false }]);
      const results = await dataSource.query<unknown[]>(
        'SELECT id FROM jumio_verification_result WHERE scan_transaction_id = $1',
        [transactionId],
      );
      expect(results).toHaveLength(0);
    } finally {
      await dataSource.query('DROP TRIGGER refuse_close ON jumio_callback_inbox');
      await dataSource.query('DROP FUNCTION refuse_close()');
    }

    // Postponed: due again at once for the test.
    await dataSource.query(
      'UPDATE jumio_callback_inbox SET claimed_until = NULL WHERE scan_transaction_id = $1',
      [transactionId],
    );
    await confirmPending();
    expect(await inboxRows(transactionId)).toEqual([{ outcome: 'APPLIED', processed: true }]);
    expect(await decisionOf(transactionId)).toBe('APPROVED');
  });
});
