import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import { ErasureRequest } from './erasure-request.entity';
import { ScanTransaction } from './scan-transaction.entity';
import type { ScanStatus } from './scan-transaction.types';
import { VerificationResult } from './verification-result.entity';
import type { VerificationDecision } from './verification.types';

/** The sealed extracted data of a result and the id it is bound to. */
export type SealedExtractedData = Pick<VerificationResult, 'id' | 'extractedData'>;

/** Which results lose their personal data. */
export type ResultPurgeScope =
  /** Retention: results that arrived before this time. */
  | { createdBefore: Date }
  /** Erasure: every result of this user's transactions. */
  | { userId: string }
  /** Erasure backstop: results that arrived late for transactions of users erased since. */
  | { erasedUsers: true };

/** A result claimed for purging, with its transaction's state (for the audit event). */
export interface ResultToPurge {
  resultId: string;
  transactionId: string;
  status: ScanStatus;
  decision: VerificationDecision | null;
}

/**
 * Every statement on jumio_verification_result (at most one row per transaction): the request paths'
 * and the purge of extracted data (retention, erasure).
 */
@Injectable()
export class VerificationResultRepository {
  private readonly rows: Repository<VerificationResult>;
  private readonly isPostgres: boolean;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(VerificationResult);
    this.isPostgres = dataSource.options.type === 'postgres';
  }

  /** One read by the unique scan_transaction_id. */
  sealedExtractedDataOf(scanTransactionId: string): Promise<SealedExtractedData | null> {
    return this.rows.findOne({
      where: { scanTransactionId },
      select: { id: true, extractedData: true },
    });
  }

  existsFor(scanTransactionId: string): Promise<boolean> {
    return this.rows.existsBy({ scanTransactionId });
  }

  async insert(session: DbSession, row: VerificationResult): Promise<void> {
    await session.insert(VerificationResult, row);
  }

  /**
   * Up to `size` results in `scope` that still hold extracted data, oldest first, within `session`. On
   * PostgreSQL the rows are locked, skipping those another purge holds (`FOR UPDATE SKIP LOCKED`).
   */
  claimToPurge(
    session: DbSession,
    scope: ResultPurgeScope,
    size: number,
  ): Promise<ResultToPurge[]> {
    const query = session
      .getRepository(VerificationResult)
      .createQueryBuilder('r')
      .innerJoin(ScanTransaction, 't', 't.id = r.scanTransactionId')
      .select('r.id', 'resultId')
      .addSelect('t.id', 'transactionId')
      .addSelect('t.status', 'status')
      .addSelect('t.decision', 'decision')
      .where('r.extractedData IS NOT NULL')
      .orderBy('r.createdAt', 'ASC')
      .limit(size);
    if ('createdBefore' in scope) {
      query.andWhere('r.createdAt < :createdBefore', { createdBefore: scope.createdBefore });
    } else if ('userId' in scope) {
      query.andWhere('t.userId = :userId', { userId: scope.userId });
    } else {
      const erased = session
        .createQueryBuilder()
        .select('1')
        .from(ErasureRequest, 'e')
        .where('e.user_id = t.user_id AND e.requested_at >= t.created_at')
        .getQuery();
      query.andWhere(`EXISTS (${erased})`);
    }
    if (this.isPostgres) {
      query.setLock('pessimistic_write', undefined, ['r']).setOnLocked('skip_locked');
    }
    return query.getRawMany<ResultToPurge>();
  }

  /** Empties a result's extracted data; false when it was already empty (purged by someone else). */
  async purgeExtractedData(session: DbSession, id: string): Promise<boolean> {
    const result = await session
      .createQueryBuilder()
      .update(VerificationResult)
      .set({ extractedData: null })
      .where('id = :id AND extracted_data IS NOT NULL', { id })
      .execute();
    return Boolean(result.affected);
  }
}
