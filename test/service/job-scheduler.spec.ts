import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import type { JumioModuleOptions } from '@app/jumio';
import { JumioJobScheduler } from '@app/jumio/jobs/job-scheduler';
import type { JumioSettings } from '@app/jumio/options/jumio-settings';
import { BackgroundDatabase } from '@app/jumio/persistence/background-data-source';
import { createTestDatabase, type TestDatabase } from '../support/create-test-app';
import { startModule } from './service-kit';

describe('JumioJobScheduler', () => {
  const scheduler = (role?: JumioModuleOptions['instanceRole']) =>
    new JumioJobScheduler({ instance: { runsBackgroundWork: role !== 'api' } } as JumioSettings);

  it('starts the timers with the application, runs one pass at a time, and stops them at shutdown', async () => {
    const jobs = scheduler();
    let passes = 0;
    let running = 0;
    let overlapped = false;
    let stopped = false;
    jobs.register({
      name: 'counting',
      intervalMs: 10,
      run: async () => {
        overlapped ||= running > 0;
        running++;
        await sleep(30);
        running--;
        passes++;
      },
      stop: async () => void (stopped = true),
    });
    await sleep(50);
    expect(passes).toBe(0); // not before the application started
    jobs.onApplicationBootstrap();
    expect(jobs.running).toEqual(['counting']);
    await sleep(150);
    expect(passes).toBeGreaterThan(1);
    expect(overlapped).toBe(false);
    const beforeStop = passes;
    await jobs.onModuleDestroy();
    expect(stopped).toBe(true);
    expect(running).toBe(0); // the pass under way was awaited
    const atStop = passes;
    await sleep(60);
    expect(passes).toBe(atStop);
    expect(atStop).toBeGreaterThanOrEqual(beforeStop);
    expect(jobs.running).toEqual([]);
  });

  it('an API-only instance runs no timer; passes still run on demand and join the one under way', async () => {
    const jobs = scheduler('api');
    let passes = 0;
    jobs.register({
      name: 'on demand',
      intervalMs: 5,
      run: async () => {
        await sleep(20);
        passes++;
      },
    });
    jobs.onApplicationBootstrap();
    expect(jobs.running).toEqual([]);
    await sleep(40);
    expect(passes).toBe(0);
    await Promise.all([jobs.runNow('on demand'), jobs.runNow('on demand')]);
    expect(passes).toBe(1);
    await jobs.onModuleDestroy();
  });

  it('refuses two jobs of one name', () => {
    const jobs = scheduler();
    const job = { name: 'twice', intervalMs: 0, run: () => Promise.resolve() };
    jobs.register(job);
    expect(() => jobs.register(job)).toThrow(/twice exists already/);
  });
});

describe('the module’s jobs and background pool on PostgreSQL (service tier)', () => {
  let sandbox: JumioSandbox;
  let db: TestDatabase;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined });
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await sandbox?.close();
    await db?.stop();
  });

  const start = async (options: Partial<JumioModuleOptions>) => {
    const app = await startModule(db, sandbox.url, options);
    apps.push(app);
    return app;
  };
  it('every background job is on the one scheduler; the background work has its own pool, closed at shutdown', async () => {
    const app = await start({ backgroundPoolSize: 2 });
    const jobs = app.get(JumioJobScheduler).running.sort();
    expect(jobs).toEqual(
      [
        'callback inbox',
        'callback inbox lease renewal',
        'data protection',
        'outbox relay',
        'outbox lease renewal',
        'reconciliation',
        'reconciliation lease renewal',
      ].sort(),
    );
    const background = app.get(BackgroundDatabase);
    expect(background.ownsPool).toBe(true);
    expect(background.dataSource).not.toBe(app.get(DataSource));
    // Same database: what background work writes, the routes read.
    const database = (source: DataSource) =>
      source.query<{ name: string }[]>('SELECT current_database() AS name');
    expect(await database(background.dataSource)).toEqual(await database(app.get(DataSource)));
    await app.close();
    expect(background.dataSource.isInitialized).toBe(false);
  });

  it('an API-only instance runs no job and opens no second pool; backgroundPoolSize 0 shares the host’s', async () => {
    const api = await start({ instanceRole: 'api' });
    expect(api.get(JumioJobScheduler).running).toEqual([]);
    expect(api.get(BackgroundDatabase).ownsPool).toBe(false);
    expect(api.get(BackgroundDatabase).dataSource).toBe(api.get(DataSource));
    const shared = await start({ backgroundPoolSize: 0 });
    expect(shared.get(BackgroundDatabase).dataSource).toBe(shared.get(DataSource));
  });
});
