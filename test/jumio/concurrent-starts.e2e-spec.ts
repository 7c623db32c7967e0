import type { WebRedirectResponse } from '@app/jumio/start/dto/web-redirect.response';
import { StartClaims } from '@app/jumio/start/start-claims';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import type { Response } from 'supertest';
import {
  createTestApp,
  createTestDatabase,
  DATABASES,
  testJumioOptions,
  type TestApp,
  type TestDatabase,
} from '../support/create-test-app';
import {
  startJumioTestKit,
  UserClient,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';

/** Identical requests sent at once, as a double click or a client retrying on two instances does. */
const RACERS = 8;
const UTILITY_BILL = { documentType: 'UB', country: 'DEU' };

type Product = 'NETVERIFY' | 'DOCUMENT';

/** Web transactions the Jumio sandbox created (each one a billed initiate / acquisition at Jumio). */
function jumioStarts(sandbox: JumioSandbox, product: Product): number {
  return sandbox.control
    .findTransactions()
    .filter((transaction) => transaction.product === product && transaction.channel === 'WEB')
    .length;
}

/** Every answer 200, all of them the same transaction and redirectUrl; returns that answer. */
function expectOneAnswer(responses: Response[]): WebRedirectResponse {
  expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
  const [first, ...others] = responses.map((response) => response.body as WebRedirectResponse);
  for (const other of others) expect(other).toEqual(first);
  return first;
}

describe.each(DATABASES)('concurrent starts (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database);
  });
  afterAll(async () => {
    await kit?.close();
  });
  afterEach(() => kit.sandbox.control.reset());

  const openRows = (userId: string) =>
    kit.rows('jumio_scan_transaction', `"user_id" = '${userId}' AND "open_key" IS NOT NULL`);

  it(`${RACERS} identical !initiate at once: one Jumio initiate, one answer for all`, async () => {
    const user = kit.as('nv-racer');
    const before = jumioStarts(kit.sandbox, 'NETVERIFY');
    const responses = await Promise.all(
      Array.from({ length: RACERS }, () => user.post('poi', 'initiate', WEB_URLS)),
    );
    const answer = expectOneAnswer(responses);
    expect(jumioStarts(kit.sandbox, 'NETVERIFY') - before).toBe(1);
    expect(await kit.rows('jumio_scan_transaction', `"user_id" = 'nv-racer'`)).toHaveLength(1);
    expect(await kit.rows('jumio_start_claim')).toHaveLength(0);
    expect(await user.status('poi')).toMatchObject({
      status: 'PENDING',
      transactionId: answer.transactionId,
    });
  });

  it(`${RACERS} identical !acquisitions at once: one Jumio acquisition, one answer for all`, async () => {
    const user = kit.as('dv-racer');
    const before = jumioStarts(kit.sandbox, 'DOCUMENT');
    const responses = await Promise.all(
      Array.from({ length: RACERS }, () =>
        user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL }),
      ),
    );
    const answer = expectOneAnswer(responses);
    expect(jumioStarts(kit.sandbox, 'DOCUMENT') - before).toBe(1);
    expect(await openRows('dv-racer')).toHaveLength(1);
    expect(await user.status('poa')).toMatchObject({
      status: 'PENDING',
      transactionId: answer.transactionId,
    });
  });

  it('a start in flight is invisible to status; an identical one waits for it, a different one gets 409', async () => {
    const user = kit.as('nv-in-flight');
    // Jumio holds the first initiate until the client's timeout (2 s): a slow start in flight.
    kit.sandbox.control.setFault({ group: 'initiate', kind: 'hang', times: 1 });
    const first = user.post('poi', 'initiate', WEB_URLS);
    await waitFor(async () => (await kit.rows('jumio_start_claim')).length === 1);

    // The client's view is the state before the start: nothing to resume yet.
    expect(await user.status('poi')).toMatchObject({
      status: 'NOT_STARTED_YET',
      transactionId: null,
    });
    const identical = user.post('poi', 'initiate', WEB_URLS);
    const different = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'de' });
    expect(different.status).toBe(409);
    expect(different.body.message).toMatch(/in progress/);

    // The first start fails and leaves nothing behind; the identical one (a double click) shares its
    // failure rather than paying Jumio a second time. The client's retry then starts anew.
    const sentBefore = kit.sandbox.control.findTransactions().length;
    expect((await first).status).toBe(503);
    expect((await identical).status).toBe(503);
    expect(kit.sandbox.control.findTransactions().length).toBe(sentBefore);
    const retried = await user.post('poi', 'initiate', WEB_URLS);
    expect(retried.status).toBe(200);
    expect(await openRows('nv-in-flight')).toHaveLength(1);
    expect(await kit.rows('jumio_start_claim')).toHaveLength(0);
    expect(await user.status('poi')).toMatchObject({
      status: 'PENDING',
      transactionId: (retried.body as WebRedirectResponse).transactionId,
    });
  });

  it('Jumio failing for every racer: each gets the failure, nothing is left behind', async () => {
    const user = kit.as('nv-all-fail');
    kit.sandbox.control.setFault({ group: 'initiate', kind: 500 });
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => user.post('poi', 'initiate', WEB_URLS)),
    );
    for (const response of responses) expect(response.status).toBe(503);
    expect(await kit.rows('jumio_scan_transaction', `"user_id" = 'nv-all-fail'`)).toHaveLength(0);
    expect(await kit.rows('jumio_start_claim')).toHaveLength(0);
    expect(await user.status('poi')).toMatchObject({ status: 'NOT_STARTED_YET' });
  });

  it("a crashed instance's claim blocks the step only until its lease lapses", async () => {
    const claims = kit.app.app.get(StartClaims);
    const user = kit.as('nv-crashed');
    // A claim whose lease has run out: its start died without releasing it.
    await claims.claim(user.userId, 'POI', 'crashed-instance', new Date(Date.now() - 60_000), 1000);
    expect((await user.post('poi', 'initiate', WEB_URLS)).status).toBe(200);

    // A live claim of another request (another instance, still within its lease): a clean 409 ...
    const other = kit.as('nv-busy');
    await claims.claim(other.userId, 'POA', 'other-request', new Date(), 1000);
    const refused = await other.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL });
    expect(refused.status).toBe(409);
    // ... and once the lease lapsed, the step starts normally.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const started = await other.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL });
    expect(started.status).toBe(200);
    expect(await kit.rows('jumio_start_claim')).toHaveLength(0);
  });

  it('a mobile start while a web start is in flight is refused, not silently replaced', async () => {
    const user = kit.as('mobile-during-web');
    kit.sandbox.control.setFault({ group: 'initiate', kind: 'hang', times: 1 });
    const web = user.post('poi', 'initiate', WEB_URLS);
    await waitFor(async () => (await kit.rows('jumio_start_claim')).length === 1);
    const mobile = await user.post('poi', 'startScanTransaction', {});
    expect(mobile.status).toBe(409);
    expect((await web).status).toBe(503);
    expect((await user.post('poi', 'startScanTransaction', {})).status).toBe(200);
  });
});

/** The same starts sent to two instances on one PostgreSQL at once, for several users. */
describe('concurrent starts across two instances on one PostgreSQL', () => {
  const USERS = 6;
  let sandbox: JumioSandbox;
  let database: TestDatabase;
  const instances: TestApp[] = [];

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    database = await createTestDatabase('postgres');
    // One after the other: the first one runs the migrations.
    for (let i = 0; i < 2; i++) {
      instances.push(await createTestApp(database, testJumioOptions(sandbox.url)));
    }
  });
  afterAll(async () => {
    for (const app of instances) await app.close();
    await sandbox?.close();
    await database?.stop();
  });

  it.each([
    ['poi', 'initiate', WEB_URLS, 'NETVERIFY'],
    ['poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL }, 'DOCUMENT'],
  ] as const)('%s/!%s: one Jumio start per user', async (step, action, body, product) => {
    const before = jumioStarts(sandbox, product);
    const users = Array.from({ length: USERS }, (_, i) => `${step}-pair-${i}`);
    const answers = await Promise.all(
      users.map((userId) =>
        Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            new UserClient(instances[i % 2].url, userId).post(step, action, body),
          ),
        ),
      ),
    );
    for (const responses of answers) expectOneAnswer(responses);
    expect(jumioStarts(sandbox, product) - before).toBe(USERS);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
