import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type Repository } from 'typeorm';
import { ErasureRequest } from './erasure-request.entity';
import { isUniqueViolation } from './unique-violation';
import { sqlDialect } from './database-engine';
import { WorkLeases } from './work-leases';

/** A round of Delete API calls is leased for this long; longer than a round of timed-out calls. */
export const ERASURE_ROUND_LEASE_MS = 5 * 60_000;
const TABLE = 'jumio_erasure_request';

/** What the end of a round of Delete API calls writes. */
export type ErasureRoundEnd = Pick<
  ErasureRequest,
  'completedAt' | 'openKey' | 'nextAttemptAt' | 'lastErrorCode' | 'scansDeleted' | 'scansTotal'
>;

/**
 * Every statement on `jumio_erasure_request`. An open request's `next_attempt_at` is its lease: a round
 * of Delete API calls pushes it forward by ERASURE_ROUND_LEASE_MS, and the round's end sets the next try
 * (ERASURE_BACKOFF).
 */
@Injectable()
export class ErasureRequestRepository {
  readonly leases: WorkLeases;
  private readonly rows: Repository<ErasureRequest>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(ErasureRequest);
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

  /** The latest erasure request of a user, if any. */
  latestOf(userId: string): Promise<ErasureRequest | null> {
    return this.rows.findOne({ where: { userId }, order: { requestedAt: 'DESC' } });
  }

  byId(id: string): Promise<ErasureRequest> {
    return this.rows.findOneByOrFail({ id });
  }

  /**
   * The user's open request, or a new one. Concurrent calls meet on the UNIQUE open_key. A reused request
   * takes `now` as its `requestedAt`.
   */
  async openFor(userId: string, now: Date): Promise<ErasureRequest> {
    const refreshed = await this.rows.update({ openKey: userId }, { requestedAt: now });
    if (refreshed.affected) {
      const open = await this.rows.findOneBy({ openKey: userId });
      if (open) return open;
    }
    const request = this.rows.create({
      id: randomUUID(),
      userId,
      openKey: userId,
      requestedAt: now,
      completedAt: null,
      attempts: 0,
      nextAttemptAt: now,
      lastErrorCode: null,
      scansDeleted: 0,
      scansTotal: 0,
    });
    try {
      await this.rows.insert(request);
      return request;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.rows.findOneByOrFail({ openKey: userId });
    }
  }

  async endRound(id: string, end: ErasureRoundEnd): Promise<void> {
    await this.rows.update({ id }, end);
  }
}
