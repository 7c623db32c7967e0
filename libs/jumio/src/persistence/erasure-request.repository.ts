import type { DataSource } from 'typeorm';
import { ErasureRequest } from './erasure-request.entity';
import { sqlDialect } from './sql-dialect';
import { WorkLeases } from './work-leases';

/** A round of Delete API calls is leased for this long; longer than a round of timed-out calls. */
export const ERASURE_ROUND_LEASE_MS = 5 * 60_000;
const TABLE = 'jumio_erasure_request';

/**
 * The erasure retries' statements on `jumio_erasure_request`. An open request's `next_attempt_at` is its
 * lease: a round of Delete API calls pushes it forward by ERASURE_ROUND_LEASE_MS, and the round's end
 * sets the next try (ERASURE_BACKOFF).
 */
export class ErasureRequestRepository {
  readonly leases: WorkLeases;

  constructor(private readonly dataSource: DataSource) {
    this.leases = new WorkLeases(
      dataSource,
      sqlDialect(dataSource),
      TABLE,
      ERASURE_ROUND_LEASE_MS,
      {
        column: 'next_attempt_at',
      },
    );
  }

  /** Ids of open requests whose next try is due, soonest first. */
  async due(now: Date, size: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ErasureRequest)
      .createQueryBuilder('e')
      .select('e.id', 'id')
      .where('e.completedAt IS NULL AND e.nextAttemptAt <= :now', { now })
      .orderBy('e.nextAttemptAt', 'ASC')
      .limit(size)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Leases a round of deletions of an open, due request and counts it; false when it is not ours. */
  async takeRound(id: string, now: Date): Promise<boolean> {
    const taken = await this.leases.takeOne(id, { where: 'completed_at IS NULL' }, now, {
      alsoSet: 'attempts = attempts + 1',
    });
    return taken !== null;
  }
}
