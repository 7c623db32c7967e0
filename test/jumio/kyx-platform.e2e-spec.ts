import { ErasureService, type JumioModuleOptions } from '@app/jumio';
import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { submitCapture } from '../sandbox/support/capture-journey';
import {
  createTestApp,
  createTestDatabase,
  DATABASES,
  testJumioOptions,
  type TestApp,
  type TestDatabase,
} from '../support/create-test-app';
import { UserClient, WEB_URLS } from '../support/jumio-test-kit';

const KYX_CLIENT = { clientId: 'kyx-e2e-client', clientSecret: 'kyx-e2e-secret-never-stored' };

/** Background timers off: the test drives reconciliation; every due check is due at once. */
const DRIVEN: Partial<JumioModuleOptions> = {
  retrievalScheduleSeconds: [0],
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
};

describe.each(DATABASES)('JumioModule on KYX against the sandbox (%s)', (database) => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  let app: TestApp;
  let reconciliation: ReconciliationService;
  const settled = () => app.app.get(CallbackConfirmation).settled();
  // Callbacks are confirmed after their 200: a test's next request sees the outcome.
  const as = (userId: string) => new UserClient(app.url, userId, settled);

  beforeAll(async () => {
    sandbox = await startJumioSandbox({
      port: 0,
      callbackDelayMs: 0,
      kyxClientId: KYX_CLIENT.clientId,
      kyxClientSecret: KYX_CLIENT.clientSecret,
      logger: () => undefined,
    });
    db = await createTestDatabase(database);
    app = await createTestApp(
      db,
      testJumioOptions(sandbox.url, {
        ...DRIVEN,
        platform: 'kyx',
        dataCenter: 'EU',
        kyx: {
          ...KYX_CLIENT,
          authUrl: sandbox.url,
          accountUrl: sandbox.url,
          retrievalUrl: sandbox.url,
        },
      }),
    );
    reconciliation = app.app.get(ReconciliationService);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.stop();
  });

  /** Results arrive through reconciliation (status, then details), whatever happened to the callback. */
  const reconcile = async (workflowExecutionId: string) => {
    await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId });
    await settled();
    await reconciliation.runOnce();
  };
  const accountOf = async (userId: string) =>
    (
      await app.dataSource.query<{ account_id: string }[]>(
        `SELECT "account_id" FROM "jumio_kyx_account" WHERE "user_id" = '${userId}'`,
      )
    )[0]?.account_id;

  it('web POI reaches APPROVED: web.href as redirectUrl, account stored, transaction on KYX', async () => {
    const user = as('kyx-web');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    expect(started.status).toBe(200);
    expect(started.body).toEqual({
      transactionId: expect.any(String),
      redirectUrl: expect.stringContaining('/kyx/web/v4/app?'),
    });
    const done = await submitCapture(started.body.redirectUrl, { outcome: 'PASSED' });
    expect(String(done.headers.location)).toContain('acquisitionStatus=SUCCESS');
    await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
    const status = await user.status('poi');
    expect(status.scanReference).toMatch(/^[0-9a-f-]{36}$/);
    await reconcile(status.scanReference!);

    expect(await user.status('poi')).toMatchObject({
      status: 'SUCCESS',
      verification: { decision: 'APPROVED', jumioStatus: 'PROCESSED_PASSED' },
    });
    const execution = sandbox.kyx.execution(status.scanReference!);
    expect(execution).toMatchObject({
      definitionKey: 10011,
      callbackUrl: expect.stringContaining('/api/jumio/callback/'),
    });
    expect(await accountOf('kyx-web')).toBe(execution?.accountId);
  });

  it("the user's proof of address reuses their account (PUT) and its extraction feeds the POA rules", async () => {
    const user = as('kyx-web');
    const poa = await user.post('poa', 'acquisitions', {
      ...WEB_URLS,
      documentType: 'UB',
      country: 'GBR',
    });
    expect(poa.status).toBe(200);
    await submitCapture(poa.body.redirectUrl, { outcome: 'EXTRACTED' });
    const reference = (await user.status('poa')).scanReference!;
    await reconcile(reference);
    expect(sandbox.kyx.execution(reference)).toMatchObject({
      definitionKey: 10026,
      accountId: await accountOf('kyx-web'),
    });
    expect((await user.status('poa')).verification).toMatchObject({ decision: 'APPROVED' });
  });

  it('mobile: an SDK token and the data centre, never a credential; the reported execution is linked', async () => {
    const user = as('kyx-mobile');
    const handoff = await user.post('poi', 'startScanTransaction', {});
    expect(handoff.status).toBe(200);
    expect(handoff.body).toMatchObject({
      transactionId: expect.any(String),
      sdkToken: expect.any(String),
      dataCenter: 'EU',
    });
    expect(handoff.body).not.toHaveProperty('credentials');
    expect(JSON.stringify(handoff.body)).not.toContain(KYX_CLIENT.clientSecret);
    const sdk = await fetch(`${sandbox.url}/sandbox/kyx/sdk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sdkToken: handoff.body.sdkToken,
        dataCenter: 'EU',
        outcome: 'PASSED',
      }),
    });
    const { workflowExecutionId } = (await sdk.json()) as { workflowExecutionId: string };
    const wrong = await user.post('poi', 'setScanTransaction', {
      scanReference: '0b3e8f52-0000-4000-8000-000000000000',
    });
    expect(wrong.status).toBe(409);
    expect(
      (await user.post('poi', 'setScanTransaction', { scanReference: workflowExecutionId })).status,
    ).toBe(200);
    await reconcile(workflowExecutionId);
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
  });

  it.each([
    ['BLURRED', 'RETRY', 'USABILITY_BLURRED'],
    ['NO_MATCH', 'REJECTED', 'SIMILARITY_NO_MATCH'],
    ['MANIPULATED', 'REJECTED', 'IMAGE_CHECKS_MANIPULATED_DOCUMENT'],
  ])('%s → %s', async (outcome, decision, reason) => {
    const user = as(`kyx-${outcome}`);
    const started = await user.post('poi', 'initiate', WEB_URLS);
    await submitCapture(started.body.redirectUrl, { outcome });
    const reference = (await user.status('poi')).scanReference!;
    await reconcile(reference);
    const [row] = await app.dataSource.query<{ decision: string; reasons: string }[]>(
      `SELECT "decision", "reasons" FROM "jumio_scan_transaction" WHERE "jumio_reference" = '${reference}'`,
    );
    expect(row.decision).toBe(decision);
    expect(JSON.parse(row.reasons)).toContain(reason);
  });

  it('the JSON callback is stored, answered 200 and confirmed through retrieval, without reconciliation', async () => {
    const user = as('kyx-callback');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    await submitCapture(started.body.redirectUrl, { outcome: 'PASSED' });
    const reference = (await user.status('poi')).scanReference!;
    const [callback] = await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId: reference });
    expect([callback.delivery, callback.responseStatus]).toEqual(['DELIVERED', 200]);
    await app.app.get(CallbackConfirmation).settled();
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
  });

  it('a spoofed callback (altered token, another execution) changes nothing', async () => {
    sandbox.control.dropCallbacks('all');
    const user = as('kyx-spoof');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    const reference = (await user.status('poi')).scanReference!;
    const callbackUrl = sandbox.kyx.execution(reference)!.callbackUrl!;
    const post = (url: string, id: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          callbackSentAt: new Date().toISOString(),
          workflowExecution: {
            id,
            href: 'https://evil.example',
            definitionKey: '10011',
            status: 'PROCESSED',
          },
          account: { id: '0b3e8f52-0000-4000-8000-000000000000', href: 'https://evil.example' },
        }),
      });
    expect((await post(`${callbackUrl.slice(0, -3)}xyz`, reference)).status).toBe(404);
    expect((await post(callbackUrl, '0b3e8f52-0000-4000-8000-000000000001')).status).toBe(200);
    expect((await post(callbackUrl, reference)).status).toBe(200);
    await app.app.get(CallbackConfirmation).settled();
    expect((await user.status('poi')).verification).toBeNull();
    await submitCapture(started.body.redirectUrl, { outcome: 'NO_MATCH' });
    sandbox.control.dropCallbacks(0);
    await reconcile(reference);
    expect((await user.status('poi')).verification).toMatchObject({ decision: 'REJECTED' });
  });

  it('ten concurrent starts for ten users use one OAuth token', async () => {
    const before = sandbox.kyx.accessTokensIssued();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        as(`kyx-crowd-${index}`).post('poi', 'initiate', WEB_URLS),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(sandbox.kyx.accessTokensIssued() - before).toBeLessThanOrEqual(1);
    expect(new Set(answers.map((answer) => answer.body.redirectUrl)).size).toBe(10);
  });

  it('erasure deletes the Jumio account', async () => {
    const accountId = await accountOf('kyx-web');
    expect(sandbox.kyx.accountExists(accountId)).toBe(true);
    const status = await app.app.get(ErasureService).eraseUser('kyx-web');
    expect(status).toMatchObject({ state: 'COMPLETED', lastErrorCode: null });
    expect(sandbox.kyx.accountExists(accountId)).toBe(false);
  });

  it('no client secret or access token in the database', async () => {
    const tables = [
      'jumio_scan_transaction',
      'jumio_kyx_account',
      'jumio_kyx_scan',
      'jumio_audit_event',
    ];
    for (const table of tables) {
      const dump = JSON.stringify(await app.dataSource.query(`SELECT * FROM "${table}"`));
      expect(dump).not.toContain(KYX_CLIENT.clientSecret);
      expect(dump).not.toContain('access_token');
    }
  });
});
