import type { INestApplication } from '@nestjs/common';
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

describe('callback confirmation reads its transaction once (service tier, PostgreSQL)', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    sandbox.control.dropCallbacks('all'); // the test hands the callback to the module itself
    db = await createTestDatabase('postgres');
    app = await startModule(db, sandbox.url, DRIVEN_BACKGROUND, {
      logging: ['query'],
      logger: countingLogger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.stop();
  });

  it('applies the result to the transaction it read by the token, without looking it up again', async () => {
    const started = await app
      .get(ScanTransactionService)
      .initiateWeb('reads-once', { ...WEB_URLS });
    await finishWebJourney(started.redirectUrl, 'APPROVED_VERIFIED');
    const [callback] = await sandbox.control.waitForCallbacks(1);
    const token = callbackTokenOf(callback);
    await app.get(CallbackInboxService).record(hashCallbackToken(token), callback.fields);

    statements.length = 0;
    await app.get(JumioJobScheduler).runNow(CALLBACK_INBOX_JOB);
    await app.get(CallbackConfirmation).settled();

    const transactionReads = statements
      .map((sql) => sql.trim())
      .filter((sql) => /^SELECT\b[\s\S]*\bFROM "jumio_scan_transaction"/i.test(sql))
      .map((sql) => sql.replace(/^SELECT[\s\S]*?\bFROM\b/i, 'SELECT … FROM'));
    expect(transactionReads).toHaveLength(1);
    const status = await app.get(ScanTransactionService).getStatus('reads-once', 'POI');
    expect(status).toMatchObject({ verification: { decision: 'APPROVED' } });
  });
});
