import { Injectable } from '@nestjs/common';
import { DataSource, In, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import { ManualReview, type ReviewState } from './manual-review.entity';
import type { ScanType } from './scan-transaction.types';

/** Opens a review inside the caller's database transaction (the change that made it REVIEW). */
export async function insertManualReview(session: DbSession, review: ManualReview): Promise<void> {
  await session.insert(ManualReview, review);
}

/** Every statement on jumio_manual_review. */
@Injectable()
export class ManualReviewRepository {
  private readonly rows: Repository<ManualReview>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(ManualReview);
  }

  /** Reviews in `states`, oldest first. */
  list(
    states: ReviewState[],
    scanType: ScanType | undefined,
    limit: number,
  ): Promise<ManualReview[]> {
    return this.rows.find({
      where: { state: In(states), ...(scanType ? { scanType } : {}) },
      order: { openedAt: 'ASC' },
      take: limit,
    });
  }

  findById(session: DbSession, id: string): Promise<ManualReview | null> {
    return session.findOneBy(ManualReview, { id });
  }

  /** Applies `changes` if the review is still at `version`; false when another reviewer was first. */
  async updateIfVersion(
    session: DbSession,
    id: string,
    version: number,
    changes: Partial<ManualReview>,
  ): Promise<boolean> {
    const result = await session
      .createQueryBuilder()
      .update(ManualReview)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }
}
