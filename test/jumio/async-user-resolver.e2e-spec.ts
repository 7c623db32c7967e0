import request from 'supertest';
import { startJumioTestKit, type JumioTestKit } from '../support/jumio-test-kit';

/**
 * The user guard answers synchronously when the host's `resolveUserId` does (every other suite), and
 * waits for it when it returns a promise, as a host that looks its session up in a store would.
 */
describe('private routes with an async resolveUserId (sqlite)', () => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit('sqlite', {
      resolveUserId: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const userId = request.headers['x-user-id'];
        if (userId === 'broken-session') throw new Error('session store unavailable');
        return typeof userId === 'string' ? userId : undefined;
      },
    });
  });
  afterAll(async () => {
    await kit?.close();
  });

  const status = (userId?: string) => {
    const call = request(kit.app.url).get('/api/private/jumio/poi/!getScanTransactionStatus');
    return userId === undefined ? call : call.set('X-User-Id', userId);
  };

  it('serves the user the promise resolves to', async () => {
    const response = await status('async-user-1');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('NOT_STARTED_YET');
  });

  it('answers 401 UNAUTHENTICATED when it resolves to no user', async () => {
    const response = await status();
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('UNAUTHENTICATED');
  });

  it('answers a 5xx without internals when it rejects, never a 200', async () => {
    const response = await status('broken-session');
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(response.body)).not.toMatch(/session store unavailable|at .*\.ts/);
  });
});
