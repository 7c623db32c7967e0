import type { INestApplication } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { CallbackInboxService } from '@app/jumio/callback/callback-inbox.service';
import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import { ScanTransactionService } from '@app/jumio/start/scan-transaction.service';
import { hashCallbackToken } from '@app/jumio/common/scan-secrets';
import {
  createTestDatabase,
  hostDataSourceOptions,
  type TestDatabase,
} from '../support/create-test-app';
import { finishWebJourney, WEB_URLS } from '../support/jumio-test-kit';
import { callbackTokenOf, DRIVEN_BACKGROUND as DRIVEN, startModule } from './service-kit';

const STUCK = 4;

describe('background pool sized by inbox concurrency (service tier, PostgreSQL)', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let app: INestApplication;
  let probe: DataSource;
  let locks: QueryRunner | undefined;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    sandbox.control.dropCallbacks('all'); // the test hands the callbacks to the module itself
    db = await createTestDatabase('postgres');
    // No backgroundPoolSize: the default must follow the concurrency.
    app = await startModule(db, sandbox.url, { ...DRIVEN, callbackInboxConcurrency: 16 });
    probe = await new DataSource(hostDataSourceOptions(db)).initialize();
  });
  afterAll(async () => {
    await locks?.rollbackTransaction().catch(() => undefined);
    await locks?.release();
    await app?.close();
    await probe?.destroy();
    await sandbox?.close();
    await db?.stop();
  });

  /** A finished web scan whose callback the sandbox produced; returns its transaction and callback. */
  async function finishedScan(userId: string, nth: number) {
    const started = await app.get(ScanTransactionService).initiateWeb(userId, { ...WEB_URLS });
    await finishWebJourney(started.redirectUrl, 'APPROVED_VERIFIED');
    const callback = (await sandbox.control.waitForCallbacks(nth))[nth - 1];
    const token = callbackTokenOf(callback);
    return {
      transactionId: started.transactionId,
      record: () => app.get(CallbackInboxService).record(hashCallbackToken(token), callback.fields),
    };
  }

  const decisionOf = async (id: string) =>
    (
      await probe.query<{ decision: string | null }[]>(
        'SELECT decision FROM jumio_scan_transaction WHERE id = $1',
        [id],
      )
    )[0].decision;

  async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  it('confirmations stuck in the database do not hold back the other confirmations in flight', async () => {
    const scans = [];
    for (let i = 0; i <= STUCK; i += 1) scans.push(await finishedScan(`pool-user-${i}`, i + 1));
    const stuck = scans.slice(0, STUCK);
    const free = scans[STUCK];

    // The first four transactions are locked as an UPDATE locks them (another writer holds them): their
    // confirmations block in the result's transaction, each holding a background connection. (NO KEY:
    // storing their callbacks, whose foreign key takes a KEY SHARE lock, is not blocked.)
    locks = probe.createQueryRunner();
    await locks.connect();
    await locks.startTransaction();
    await locks.query(
      'SELECT id FROM jumio_scan_transaction WHERE id = ANY($1) FOR NO KEY UPDATE',
      [stuck.map((scan) => scan.transactionId)],
    );
    const confirmation = app.get(CallbackConfirmation);
    for (const scan of stuck) confirmation.confirmLater((await scan.record())!);
    const blocked = await waitFor(async () => {
      const [row] = await probe.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`,
      );
      return Number(row.n) === STUCK;
    }, 10_000);
    expect(blocked).toBe(true);

    // A fifth callback, for a transaction nobody holds, is confirmed meanwhile.
    confirmation.confirmLater((await free.record())!);
    expect(await waitFor(async () => (await decisionOf(free.transactionId)) !== null, 5_000)).toBe(
      true,
    );
    expect(await decisionOf(free.transactionId)).toBe('APPROVED');

    // Once the other writer is done, the stuck ones are applied too, each once.
    await locks.commitTransaction();
    await confirmation.settled();
    for (const scan of stuck) expect(await decisionOf(scan.transactionId)).toBe('APPROVED');
    const applied = await probe.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM jumio_callback_inbox WHERE outcome = 'APPLIED'`,
    );
    expect(Number(applied[0].n)).toBe(STUCK + 1);
  }, 60_000);
});
