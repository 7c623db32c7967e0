import { DATABASES } from '../support/create-test-app';
import { startJumioTestKit, WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';

const UTILITY_BILL = { documentType: 'UB', country: 'DEU' };

describe.each(DATABASES)('Jumio failing (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, { requestTimeoutMs: 300 });
  });
  afterAll(async () => {
    await kit?.close();
  });
  afterEach(() => kit.sandbox.control.reset());

  async function expectNothingStored(userId: string) {
    expect(await kit.rows('jumio_scan_transaction', `"user_id" = '${userId}'`)).toHaveLength(0);
    expect(await kit.as(userId).status('poi')).toMatchObject({
      status: 'NOT_STARTED_YET',
      transactionId: null,
    });
  }

  it.each([
    [500, 503],
    [503, 503],
    [429, 503],
    ['hang', 503],
  ] as const)('initiate: Jumio %s → %s, no transaction left behind', async (kind, expected) => {
    const userId = `nv-${kind}`;
    kit.sandbox.control.setFault({ group: 'initiate', kind });
    const response = await kit.as(userId).post('poi', 'initiate', WEB_URLS);
    expect(response.status).toBe(expected);
    expect(response.body.message).toMatch(/unavailable|busy/);
    await expectNothingStored(userId);
  });

  it('acquisitions: Jumio 500 → 503, no transaction left behind; the next start works', async () => {
    kit.sandbox.control.setFault({ group: 'acquisitions', kind: 500, times: 1 });
    const user = kit.as('dv-500');
    const failed = await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL });
    expect(failed.status).toBe(503);
    expect(await kit.rows('jumio_scan_transaction', `"user_id" = 'dv-500'`)).toHaveLength(0);
    const retried = await user.post('poa', 'acquisitions', { ...WEB_URLS, ...UTILITY_BILL });
    expect(retried.status).toBe(200);
  });

  it('a failed restart keeps the open transaction as it was', async () => {
    const user = kit.as('restart');
    const first = (await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'en' })).body;
    kit.sandbox.control.setFault({ group: 'initiate', kind: 503 });
    const failed = await user.post('poi', 'initiate', { ...WEB_URLS, locale: 'de' });
    expect(failed.status).toBe(503);
    expect(await user.status('poi')).toMatchObject({
      transactionId: first.transactionId,
      status: 'PENDING',
    });
  });
});
