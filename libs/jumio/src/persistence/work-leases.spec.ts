import { DataSource } from 'typeorm';
import { sqlDialect } from './sql-dialect';
import { WorkLeases } from './work-leases';

describe('WorkLeases (SQLite)', () => {
  let dataSource: DataSource;
  const dialect = () => sqlDialect(dataSource);
  const claimedUntil = async (id: string) =>
    (
      await dataSource.query<{ claimed_until: string | null }[]>(
        'SELECT claimed_until FROM work WHERE id = ?',
        [id],
      )
    )[0].claimed_until;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
    }).initialize();
    await dataSource.query('CREATE TABLE work (id TEXT PRIMARY KEY, claimed_until datetime)');
  });
  afterAll(() => dataSource.destroy());

  it('renews held leases, never shortens a longer claim or revives a released one, releases on demand', async () => {
    const soon = dialect().time(new Date(Date.now() + 300));
    const later = dialect().time(new Date(Date.now() + 60_000));
    await dataSource.query(
      `INSERT INTO work VALUES ('held', ?), ('postponed', ?), ('finished', NULL), ('queued', ?)`,
      [soon, later, soon],
    );
    const leases = new WorkLeases(dataSource, dialect(), 'work', 300);
    leases.hold(['held', 'postponed', 'finished', 'queued']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await leases.renewHeld();

    expect(String(await claimedUntil('held')) > dialect().time(new Date()).toString()).toBe(true);
    expect(await claimedUntil('postponed')).toBe(later);
    expect(await claimedUntil('finished')).toBeNull();

    await leases.release(['queued']);
    expect(await claimedUntil('queued')).toBeNull();
    leases.stop();
  });
});
