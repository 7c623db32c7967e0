import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import {
  createTestApp,
  createTestDatabase,
  testJumioOptions,
  type TestApp,
  type TestDatabase,
} from '../support/create-test-app';
import { finishWebJourney, UserClient, WEB_URLS } from '../support/jumio-test-kit';

const USERS = 30;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('API-only and worker-only instances on one PostgreSQL', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    db = await createTestDatabase('postgres');
    api = await createTestApp(db, testJumioOptions(sandbox.url, { instanceRole: 'api' }));
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await sandbox?.close();
    await db?.stop();
  });

  const unprocessed = async () =>
    Number(
      (
        await api.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM jumio_callback_inbox WHERE processed_at IS NULL',
        )
      )[0].n,
    );

  it('the API instance stores callbacks and leaves them; a worker instance applies every one, once', async () => {
    const users = Array.from({ length: USERS }, (_, i) => new UserClient(api.url, `role-${i}`));
    for (const user of users) {
      const started = await user.post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    }
    const callbacks = await sandbox.control.waitForCallbacks(USERS);
    expect(callbacks.map((record) => record.responseStatus)).toEqual(Array(USERS).fill(200));
    await api.app.get(CallbackConfirmation).settled();
    expect(await unprocessed()).toBe(USERS);
    expect((await users[0].status('poi')).status).not.toBe('DONE');

    // Small batches (concurrency 2 claims 20 at a time): the worker keeps sweeping while a batch is full.
    worker = await createTestApp(
      db,
      testJumioOptions(sandbox.url, { instanceRole: 'worker', callbackInboxConcurrency: 2 }),
    );
    await waitFor(async () => (await unprocessed()) === 0, 15_000);
    for (const user of users) {
      const status = await user.status('poi');
      expect(status.verification?.decision).toBe('APPROVED');
    }
    const outcomes = await api.dataSource.query<{ outcome: string }[]>(
      'SELECT outcome FROM jumio_callback_inbox',
    );
    expect(outcomes.map((row) => row.outcome)).toEqual(Array(USERS).fill('APPLIED'));
  });

  it('refuses an unknown role and a bad concurrency at start', async () => {
    await expect(
      createTestApp(
        db,
        testJumioOptions(sandbox.url, { instanceRole: 'everything' as unknown as 'all' }),
      ),
    ).rejects.toThrow(/instanceRole must be one of all, api, worker/);
    await expect(
      createTestApp(db, testJumioOptions(sandbox.url, { callbackInboxConcurrency: 0 })),
    ).rejects.toThrow(/callbackInboxConcurrency must be a whole number from 1 to 256/);
  });
});
