import { Injectable } from '@nestjs/common';
import { DataSource, In, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import {
  latestStatusQuery,
  NEWEST_FIRST,
  STEP_ROWS,
  type StatusFields,
} from './latest-status.query';
import { ScanTransaction } from './scan-transaction.entity';
import type { ScanType } from './scan-transaction.types';

/** What a guarded update may change: any column but the keys and the version (which it bumps). */
export type ScanTransactionChanges = Partial<
  Omit<ScanTransaction, 'id' | 'version' | 'userId' | 'type'>
>;

/** How many transactions are in one state (`count` as the driver returns it). */
export interface TransactionStateCount {
  type: string;
  channel: string | null;
  status: string;
  decision: string | null;
  count: string | number;
}

/**
 * Every statement of the request paths on jumio_scan_transaction (the background workers' claims are in
 * their own repositories). Writes that belong to a larger change take the caller's `DbSession`.
 */
@Injectable()
export class ScanTransactionRepository {
  /** What `latest` answers, reduced to the columns clients see: one prepared statement (status route). */
  readonly latestStatus: (userId: string, type: ScanType) => Promise<StatusFields | null>;
  private readonly rows: Repository<ScanTransaction>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(ScanTransaction);
    this.latestStatus = latestStatusQuery(dataSource);
  }

  /** The step's state: the open transaction if any (always the newest), else the newest closed one. */
  latest(userId: string, type: ScanType): Promise<ScanTransaction | null> {
    return this.rows
      .createQueryBuilder('tx')
      .where(STEP_ROWS, { userId, type })
      .orderBy({ ...NEWEST_FIRST })
      .limit(1)
      .getOne();
  }

  /** Transactions of `userId` and `type` whose decision is RETRY, except the given Jumio statuses. */
  countRetries(
    userId: string,
    type: ScanType,
    uncountedStatuses: readonly string[],
  ): Promise<number> {
    return this.rows
      .createQueryBuilder('tx')
      .where('tx.userId = :userId AND tx.type = :type AND tx.decision = :retry', {
        userId,
        type,
        retry: 'RETRY',
      })
      .andWhere('(tx.jumioStatus IS NULL OR tx.jumioStatus NOT IN (:...uncounted))', {
        uncounted: uncountedStatuses,
      })
      .getCount();
  }

  /** The user reference of the user's first transaction, if any. */
  async firstUserReference(userId: string): Promise<string | null> {
    const row = await this.rows.findOne({
      where: { userId },
      select: { id: true, userReference: true },
      order: { createdAt: 'ASC' },
    });
    return row?.userReference ?? null;
  }

  findByJumioReference(jumioReference: string): Promise<ScanTransaction | null> {
    return this.rows.findOneBy({ jumioReference });
  }

  findByCustomerInternalReference(
    customerInternalReference: string,
  ): Promise<ScanTransaction | null> {
    return this.rows.findOneBy({ customerInternalReference });
  }

  findById(id: string, session?: DbSession): Promise<ScanTransaction | null> {
    return (session?.getRepository(ScanTransaction) ?? this.rows).findOneBy({ id });
  }

  /** What the review queue lists next to each review. */
  findReviewColumns(
    ids: string[],
  ): Promise<Pick<ScanTransaction, 'id' | 'jumioStatus' | 'jumioReference' | 'attempt'>[]> {
    return this.rows.find({
      where: { id: In(ids) },
      select: { id: true, jumioStatus: true, jumioReference: true, attempt: true },
    });
  }

  async insert(session: DbSession, tx: ScanTransaction): Promise<void> {
    await session.insert(ScanTransaction, tx);
  }

  /**
   * Applies `changes` if the row is still at `version`; false when another writer changed it first.
   * Without a session the update runs on its own.
   */
  async updateIfVersion(
    session: DbSession | null,
    id: string,
    version: number,
    changes: ScanTransactionChanges,
  ): Promise<boolean> {
    const result = await (session ?? this.rows.manager)
      .createQueryBuilder()
      .update(ScanTransaction)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  /** Transactions per type, channel, status and decision, over the whole table (the state gauge). */
  countByState(): Promise<TransactionStateCount[]> {
    return this.rows.query(
      `SELECT "type", "channel", "status", "decision", count(*) AS "count"
       FROM "jumio_scan_transaction" GROUP BY "type", "channel", "status", "decision"`,
    );
  }

  /** The user's transactions known to Jumio (with a reference) created up to `createdUpTo` (erasure). */
  jumioScansOf(userId: string, createdUpTo: Date): Promise<ScanTransaction[]> {
    return this.rows
      .createQueryBuilder('t')
      .select(['t.id', 't.type', 't.jumioReference', 't.status', 't.decision'])
      .where(
        't.userId = :userId AND t.jumioReference IS NOT NULL AND t.createdAt <= :requestedAt',
        { userId, requestedAt: createdUpTo },
      )
      .getMany();
  }
}
