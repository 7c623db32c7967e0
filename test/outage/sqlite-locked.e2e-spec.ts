import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startDemoApp, type DemoApp } from '../../src/demo-app';
import { freePort } from '../support/free-port';
import { WEB_URLS } from '../support/jumio-test-kit';
import { findLeak } from '../support/leak-patterns';
import { lockSqliteFile } from './support/sqlite-locker';

/** What "fail fast" means here: well under the 5 s better-sqlite3 would wait by default. */
const FAST_MS = 1_500;

/**
 * The demo on a SQLite file that another process locks: requests answer 503 with Retry-After quickly
 * (no freeze of the whole process), readiness says the database is down without internals, and
 * everything works again once the lock is gone.
 */
describe('demo app with its SQLite file locked by another process', () => {
  let demo: DemoApp;
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jumio-locked-'));
    path = join(dir, 'jumio.sqlite');
    demo = await startDemoApp({
      PORT: String(await freePort()),
      DATABASE_PATH: path,
      JUMIO_SANDBOX: 'true',
      JUMIO_SANDBOX_PORT: '0',
      ACCESS_LOG: 'false',
    });
  });

  afterAll(async () => {
    await demo?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const timed = async (call: () => Promise<request.Response>) => {
    const started = Date.now();
    const response = await call();
    return { response, ms: Date.now() - started };
  };
  const status = () =>
    request(demo.url)
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-User-Id', 'locked-user');
  const initiate = () =>
    request(demo.url)
      .post('/api/private/jumio/poi/!initiate')
      .set('X-User-Id', 'locked-user')
      .send(WEB_URLS);

  it('answers 503 + Retry-After fast, readiness says down, and recovers when the lock goes', async () => {
    expect((await status()).status).toBe(200);
    expect((await request(demo.url).get('/health/ready')).status).toBe(200);

    const lock = await lockSqliteFile(path);
    try {
      const ready = await timed(() => request(demo.url).get('/health/ready'));
      expect(ready.response.status).toBe(503);
      expect(ready.ms).toBeLessThan(FAST_MS);
      expect(ready.response.body).toMatchObject({
        status: 'error',
        error: { database: { status: 'down' } },
      });
      expect(findLeak(JSON.stringify(ready.response.body))).toBeUndefined();
      expect(JSON.stringify(ready.response.body)).not.toMatch(/locked|SQLITE|busy/i);

      // Many requests at once: each fails fast, and the process keeps answering what needs no database.
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) => timed(() => (i % 2 ? status() : initiate()))),
      );
      const live = await timed(() => request(demo.url).get('/health/live'));
      for (const { response, ms } of burst) {
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body.error).toBe('DATABASE_UNAVAILABLE');
        expect(findLeak(JSON.stringify(response.body))).toBeUndefined();
        // Ten requests queue for the one SQLite connection, each waiting its 100 ms busy timeout.
        expect(ms).toBeLessThan(FAST_MS * 4);
      }
      expect(live.response.status).toBe(200);
      expect(live.ms).toBeLessThan(FAST_MS);
    } finally {
      await lock.release();
    }

    expect((await request(demo.url).get('/health/ready')).status).toBe(200);
    expect((await status()).status).toBe(200);
    expect((await initiate()).status).toBe(200);
  });
});
