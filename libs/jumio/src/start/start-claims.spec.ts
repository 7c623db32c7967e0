import { setTimeout as sleep } from 'node:timers/promises';
import type { StartClaimRepository } from '../persistence/start-claim.repository';
import { StartClaims } from './start-claims';

/** The claim table as the repository sees it, with a switch for the database going away. */
function claimTable() {
  const rows = new Map<string, { owner: string; fingerprint: string; until: Date }>();
  const table = {
    down: false,
    deletes: 0,
    repository: {
      insertUnlessHeld: (
        key: string,
        owner: string,
        fingerprint: string,
        now: Date,
        until: Date,
      ) => {
        const held = rows.get(key);
        if (held && held.until > now) return Promise.resolve(false);
        rows.set(key, { owner, fingerprint, until });
        return Promise.resolve(true);
      },
      delete: (key: string, owner: string) => {
        table.deletes++;
        if (table.down) return Promise.reject(new Error('database away'));
        if (rows.get(key)?.owner === owner) rows.delete(key);
        return Promise.resolve();
      },
      holderFingerprint: (key: string, now: Date) => {
        const held = rows.get(key);
        return Promise.resolve(held && held.until > now ? held.fingerprint : null);
      },
    } as unknown as StartClaimRepository,
  };
  return table;
}

async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(20);
  }
  return check();
}

/** A claim won for `leaseMs`, whose release the database then refused. */
async function claimWithRefusedRelease(user: string, leaseMs: number) {
  const table = claimTable();
  const claims = new StartClaims(table.repository);
  const attempt = await claims.claim(user, 'POI', 'fingerprint', new Date(), leaseMs);
  if (!attempt.won) throw new Error('expected to win the claim');
  table.down = true;
  await claims.release(attempt.claim);
  return { table, claims };
}

describe('StartClaims: a release the database refused', () => {
  it('is retried once the database is back, so a waiting start does not wait for the lease to lapse', async () => {
    const { table, claims } = await claimWithRefusedRelease('user-1', 10_000);
    expect(await claims.inFlight('user-1', 'POI')).toBe(true);
    table.down = false;

    expect(await eventually(async () => !(await claims.inFlight('user-1', 'POI')), 1_500)).toBe(
      true,
    );
  });

  it('stops retrying when the claim has lapsed anyway', async () => {
    const { table } = await claimWithRefusedRelease('user-2', 400);
    await sleep(900);
    const tries = table.deletes;
    await sleep(600);
    expect(table.deletes).toBe(tries);
  });
});
