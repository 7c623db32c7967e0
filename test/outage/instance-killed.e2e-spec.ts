import type { MobileHandoffResponse } from '@app/jumio/start/dto/mobile-handoff.response';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { DataSource } from 'typeorm';
import { SANDBOX_RETRIEVAL_CREDENTIALS } from '../../src/config/jumio-module-options';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../support/create-test-app';
import { freePort } from '../support/free-port';
import { scanWithSdk } from '../support/jumio-test-kit';
import { startDemoProcess, type DemoProcess } from './support/demo-process';

const JOURNEYS = 24;
/** Starting the demo under ts-node takes 10-25 s on a busy two-core machine. */
const STARTUP_MS = 90_000;
/** Leases are 15 s and the inbox sweeps every 5 s: stuck work must move within about 20 s, not 5 min. */
const RECOVERY_BUDGET_MS = 30_000;

/**
 * The demo in its own process on a real PostgreSQL, killed with SIGKILL while callbacks arrive and
 * their results are being confirmed (Jumio's retrieval hangs at that moment, so the inbox holds claimed
 * rows). After a restart, every callback that was answered 200 ends in a final decision, none twice,
 * within seconds: reconciliation is left on Jumio's slow schedule, so this is the inbox recovering.
 */
describe('an instance killed with SIGKILL mid-callbacks', () => {
  let sandbox: JumioSandbox;
  let database: TestDatabase;
  let dataSource: DataSource;
  let demo: DemoProcess | undefined;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The demo takes retrieval and delete through its own least-privilege pair, as against its in-process sandbox.
    sandbox = await startJumioSandbox({
      callbackDelayMs: 0,
      ...SANDBOX_RETRIEVAL_CREDENTIALS,
      logger: () => undefined,
    });
    database = await createTestDatabase('postgres');
    const url = (database.options as { url: string }).url;
    dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    port = await freePort();
    env = {
      DATABASE_URL: url,
      JUMIO_SANDBOX: 'true',
      JUMIO_SANDBOX_URL: sandbox.url,
      // The test starts its journeys faster than Jumio's 5 starts per 5 s: pacing is not under test here.
      JUMIO_PACING_STARTS: '1000',
    };
    demo = await startDemoProcess(port, env);
  }, STARTUP_MS);

  afterAll(async () => {
    await demo?.stop();
    await dataSource?.destroy();
    await database?.stop();
    await sandbox?.close();
  });

  it(
    'loses no callback answered 200 and applies none twice',
    async () => {
      const users = Array.from({ length: JOURNEYS }, (_, i) => `killed-user-${i}`);
      const handoffs: MobileHandoffResponse[] = [];
      for (const userId of users) {
        const response = await request(demo!.url)
          .post('/api/private/jumio/poi/!startScanTransaction')
          .set('X-User-Id', userId)
          .send({});
        expect(response.status).toBe(200);
        handoffs.push(response.body as MobileHandoffResponse);
      }
      // The first half is confirmed normally; then Jumio's retrieval hangs and the second half's
      // callbacks are stored, answered and claimed, but not confirmed, when the instance is killed.
      const half = JOURNEYS / 2;
      await Promise.all(
        handoffs.slice(0, half).map((h) => scanWithSdk(sandbox, h, 'APPROVED_VERIFIED')),
      );
      await sandbox.control.waitForCallbacks(half, { timeoutMs: 20_000 });
      sandbox.control.setFault({ group: 'retrieval', kind: 'hang' });
      const streaming = Promise.all(
        handoffs.slice(half).map((h) => scanWithSdk(sandbox, h, 'APPROVED_VERIFIED')),
      );
      await sandbox.control.waitForCallbacks(half + 4, { timeoutMs: 20_000 });
      await demo!.kill();
      await streaming;
      sandbox.control.clearFaults();

      demo = await startDemoProcess(port, env);
      const restartedAt = Date.now();
      // Jumio retries what was not answered 200 (here: at once, for every callback that failed).
      for (const record of sandbox.control.callbacks()) {
        if (record.responseStatus !== 200 && !record.resend) {
          await sandbox.control.resendCallback(record.reference);
        }
      }
      const answered = new Set(
        sandbox.control
          .callbacks()
          .filter((record) => record.responseStatus === 200)
          .map((record) => record.reference),
      );
      expect(answered.size).toBeGreaterThanOrEqual(half + 4);

      const decided = async () =>
        dataSource.query<{ customer_internal_reference: string; decision: string }[]>(
          `SELECT customer_internal_reference, decision FROM jumio_scan_transaction
         WHERE decision IN ('APPROVED', 'REJECTED')`,
        );
      const deadline = Date.now() + RECOVERY_BUDGET_MS;
      while ((await decided()).length < answered.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const recoveryMs = Date.now() - restartedAt;
      console.log(
        `SIGKILL recovery: ${answered.size} callbacks decided ${recoveryMs} ms after restart`,
      );

      const byReference = new Map(
        sandbox.control
          .findTransactions()
          .map((tx) => [tx.reference, tx.customerInternalReference]),
      );
      const decidedRefs = new Set((await decided()).map((row) => row.customer_internal_reference));
      const lost = [...answered].filter(
        (reference) => !decidedRefs.has(byReference.get(reference)!),
      );
      expect(lost).toEqual([]);
      expect(recoveryMs).toBeLessThan(RECOVERY_BUDGET_MS);
      // None twice: one stored result and one `verified` event per transaction.
      const twice = await dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM jumio_verification_result GROUP BY scan_transaction_id HAVING count(*) > 1
       UNION ALL
       SELECT count(*) AS n FROM jumio_outbox_event WHERE event_type = 'verified'
       GROUP BY scan_transaction_id HAVING count(*) > 1`,
      );
      expect(twice).toEqual([]);
    },
    2 * STARTUP_MS,
  );
});
