import { DataSource } from 'typeorm';
import { sqlDialect } from './database-engine';
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
    // A lease of a minute, rows held for one more second: renewal extends 'held' whatever the machine's
    // speed, and 'postponed' (ten minutes away) is longer than any renewal.
    const soon = dialect().time(new Date(Date.now() + 1_000));
    const later = dialect().time(new Date(Date.now() + 600_000));
    await dataSource.query(
      `INSERT INTO work VALUES ('held', ?), ('postponed', ?), ('finished', NULL), ('queued', ?)`,
      [soon, later, soon],
    );
    const leases = new WorkLeases(dataSource, dialect(), 'work', 60_000);
    leases.hold(['held', 'postponed', 'finished', 'queued']);
    await leases.renewHeld();

    const renewed = String(await claimedUntil('held'));
    expect(renewed > String(soon)).toBe(true);
    expect(renewed < String(later)).toBe(true);
    expect(await claimedUntil('postponed')).toBe(later);
    expect(await claimedUntil('finished')).toBeNull();

    await leases.release(['queued']);
    expect(await claimedUntil('queued')).toBeNull();
    leases.stop();
  });
});
