import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { ScanTransactionEvents } from '@app/jumio';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import {
  createTestApp,
  createTestDatabase,
  testJumioOptions,
  type TestApp,
  type TestDatabase,
} from '../support/create-test-app';
import { finishWebJourney, UserClient, WEB_URLS } from '../support/jumio-test-kit';

const DRIVEN = {
  retrievalScheduleSeconds: [0],
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
};
const USERS = 12;

describe('two instances on one PostgreSQL share the background work', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    db = await createTestDatabase('postgres');
    first = await createTestApp(db, testJumioOptions(sandbox.url, DRIVEN));
    second = await createTestApp(db, testJumioOptions(sandbox.url, DRIVEN));
    sandbox.control.dropCallbacks('all');
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await sandbox?.close();
    await db?.stop();
  });

  it('reconciles every transaction exactly once between them, and delivers each event once', async () => {
    const ids: string[] = [];
    for (let index = 0; index < USERS; index++) {
      // Half the users are served by each instance, as behind a load balancer.
      const user = new UserClient(index % 2 === 0 ? first.url : second.url, `shared-${index}`);
      const started = await user.post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
      ids.push(started.body.transactionId as string);
    }
    await sandbox.control.waitForCallbacks(USERS);

    const [a, b] = await Promise.all([
      first.app.get(ReconciliationService).runOnce(),
      second.app.get(ReconciliationService).runOnce(),
    ]);
    const overlap = a.checked.filter((id) => b.checked.includes(id));
    expect(overlap).toEqual([]);
    expect([...a.checked, ...b.checked].sort()).toEqual([...ids].sort());
    expect([...a.applied, ...b.applied].sort()).toEqual([...ids].sort());
    const counts = await first.dataSource.query<{ check_count: number }[]>(
      `SELECT check_count FROM jumio_scan_transaction WHERE id = ANY($1)`,
      [ids],
    );
    expect(counts.map((row) => Number(row.check_count))).toEqual(Array(USERS).fill(1));

    const delivered: string[] = [];
    first.app.get(ScanTransactionEvents).subscribe((event) => void delivered.push(event.id));
    second.app.get(ScanTransactionEvents).subscribe((event) => void delivered.push(event.id));
    for (let pass = 0; pass < 3; pass++) {
      await Promise.all([
        first.app.get(OutboxRelay).runOnce(),
        second.app.get(OutboxRelay).runOnce(),
      ]);
    }
    expect(delivered).toHaveLength(USERS * 2); // started + verified per transaction
    expect(new Set(delivered).size).toBe(delivered.length);
  });
});
