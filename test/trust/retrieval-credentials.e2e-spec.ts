import { ErasureService } from '@app/jumio';
import request from 'supertest';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';

const RETRIEVAL_PAIR = {
  retrievalApiToken: 'retrieval-only-token',
  retrievalApiSecret: 'retrieval-only-secret',
};

/**
 * Least privilege (corrections #4, #34): the pair that starts scans is not the pair that reads or deletes
 * every customer's results. The sandbox is strict with a separate pair configured: retrieval and delete
 * accept only it, and starts only the API pair, so every call below proves which pair it used.
 */
describe('separate credentials for the Retrieval and Delete APIs (sqlite)', () => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit('sqlite', RETRIEVAL_PAIR, RETRIEVAL_PAIR);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('starts with the API pair, confirms through retrieval and deletes with the separate pair', async () => {
    const user = kit.as('least-privilege');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    expect(started.status).toBe(200);
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    const { scanReference } = await user.status('poi');
    await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'APPROVED' } });

    await kit.app.app.get(ErasureService).eraseUser('least-privilege');
    expect(kit.sandbox.control.transaction(scanReference!)?.deleted).toBe(true);
  });

  it('the strict sandbox refuses the API pair on retrieval and the retrieval pair on starts', async () => {
    const call = (path: string, [token, secret]: [string, string], method: 'get' | 'post') => {
      const agent = request(kit.sandbox.url);
      return (method === 'get' ? agent.get(path) : agent.post(path))
        .auth(token, secret)
        .set('User-Agent', 'Test Bank App/1.0')
        .set('Accept', 'application/json');
    };
    const reference = '00000000-0000-4000-8000-000000000000';
    const retrieval = `/api/netverify/v2/scans/${reference}`;
    expect((await call(retrieval, ['sandbox-token', 'sandbox-secret'], 'get')).status).toBe(401);
    expect(
      (await call(retrieval, ['retrieval-only-token', 'retrieval-only-secret'], 'get')).status,
    ).toBe(404);
    const start = await call(
      '/api/v4/initiate',
      ['retrieval-only-token', 'retrieval-only-secret'],
      'post',
    )
      .set('Content-Type', 'application/json')
      .send({});
    expect(start.status).toBe(401);
  });

  it('a module without the separate pair cannot read results from such an account: the result waits, nothing is lost', async () => {
    // Same strict sandbox as above, reached by a module that only has the API pair.
    const unprivileged = await startJumioTestKit(
      'sqlite',
      { reconciliationIntervalMs: 0 },
      RETRIEVAL_PAIR,
    );
    try {
      const user = unprivileged.as('api-pair-only');
      const started = await user.post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
      const { scanReference } = await user.status('poi');
      await unprivileged.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
      expect((await user.status('poi')).verification?.decision ?? 'PENDING').toBe('PENDING');
      const [inbox] = await unprivileged.rows<{ outcome: string | null; payload: string }>(
        'jumio_callback_inbox',
      );
      expect(inbox.outcome).toBeNull();
      expect(inbox.payload).not.toBe('');
    } finally {
      await unprivileged.close();
    }
  });
});
