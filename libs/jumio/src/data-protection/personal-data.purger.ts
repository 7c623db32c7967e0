import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CallbackInboxEntry } from '../persistence/callback-inbox.entity';
import { runInTransaction } from '../persistence/db-transaction';
import { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { ScanStatus } from '../persistence/scan-transaction.types';
import { VerificationResult } from '../persistence/verification-result.entity';
import type { VerificationDecision } from '../persistence/verification.types';
import type { AuditAction, AuditCause } from '../persistence/audit-event.entity';
import { recordAuditEvent } from './audit-trail';
import { ErasureRequest } from '../persistence/erasure-request.entity';

/** Which results lose their personal data. */
export type ResultPurgeScope =
  /** Retention: results that arrived before this time. */
  | { createdBefore: Date }
  /** Erasure: every result of this user's transactions. */
  | { userId: string }
  /** Erasure backstop: results that arrived late for transactions of users erased since. */
  | { erasedUsers: true };

const BATCH_SIZE = 100;

interface ClaimedResult {
  resultId: string;
  transactionId: string;
  status: ScanStatus;
  decision: VerificationDecision | null;
}

/**
 * Removes personal data while keeping the decision and its timestamps. Every purged result gets an audit
 * event in the same database transaction. Safe with several instances: rows are claimed with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, and each UPDATE is guarded (`extracted_data IS NOT NULL`) so a
 * row is purged and audited once even where row locks do not exist (SQLite, one writer at a time).
 */
@Injectable()
export class PersonalDataPurger {
  constructor(private readonly dataSource: DataSource) {}

  /** Purges extracted data in batches; returns how many results were purged. */
  async purgeResults(
    scope: ResultPurgeScope,
    cause: AuditCause,
    action: AuditAction,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await runInTransaction(this.dataSource, (manager) =>
        this.purgeBatch(manager, scope, cause, action),
      );
      total += purged.purged;
      if (purged.claimed < BATCH_SIZE) return total;
    }
  }

  /**
   * Empties raw callback payloads: those already processed, those older than `receivedBefore`, and (erasure)
   * those of one user's transactions. The inbox row stays (reference, outcome, timestamps) for idempotency
   * and audit. One guarded UPDATE: idempotent, and concurrent runs simply find nothing left to do.
   */
  async purgeCallbackPayloads(
    scope: { receivedBefore: Date } | { userId: string },
  ): Promise<number> {
    const query = this.dataSource
      .createQueryBuilder()
      .update(CallbackInboxEntry)
      .set({ payload: '' })
      .where("payload <> ''");
    if ('userId' in scope) {
      query.andWhere(
        `scan_transaction_id IN (${this.dataSource
          .createQueryBuilder()
          .select('t.id')
          .from(ScanTransaction, 't')
          .where('t.user_id = :userId')
          .getQuery()})`,
        { userId: scope.userId },
      );
    } else {
      query.andWhere('(processed_at IS NOT NULL OR received_at < :receivedBefore)', {
        receivedBefore: scope.receivedBefore,
      });
    }
    const result = await query.execute();
    return result.affected ?? 0;
  }

  private async purgeBatch(
    manager: EntityManager,
    scope: ResultPurgeScope,
    cause: AuditCause,
    action: AuditAction,
  ): Promise<{ claimed: number; purged: number }> {
    const claimed = await this.claimQuery(manager, scope).getRawMany<ClaimedResult>();
    let purged = 0;
    const now = new Date();
    for (const row of claimed) {
      const result = await manager
        .createQueryBuilder()
        .update(VerificationResult)
        .set({ extractedData: null })
        .where('id = :id AND extracted_data IS NOT NULL', { id: row.resultId })
        .execute();
      if (!result.affected) continue;
      purged += 1;
      const state = { status: row.status, decision: row.decision };
      await recordAuditEvent(manager, {
        scanTransactionId: row.transactionId,
        cause,
        action,
        previous: state,
        next: state,
        at: now,
      });
    }
    return { claimed: claimed.length, purged };
  }

  private claimQuery(
    manager: EntityManager,
    scope: ResultPurgeScope,
  ): SelectQueryBuilder<VerificationResult> {
    const query = manager
      .getRepository(VerificationResult)
      .createQueryBuilder('r')
      .innerJoin(ScanTransaction, 't', 't.id = r.scanTransactionId')
      .select('r.id', 'resultId')
      .addSelect('t.id', 'transactionId')
      .addSelect('t.status', 'status')
      .addSelect('t.decision', 'decision')
      .where('r.extractedData IS NOT NULL')
      .orderBy('r.createdAt', 'ASC')
      .limit(BATCH_SIZE);
    if ('createdBefore' in scope) {
      query.andWhere('r.createdAt < :createdBefore', { createdBefore: scope.createdBefore });
    } else if ('userId' in scope) {
      query.andWhere('t.userId = :userId', { userId: scope.userId });
    } else {
      const erased = manager
        .createQueryBuilder()
        .select('1')
        .from(ErasureRequest, 'e')
        .where('e.user_id = t.user_id AND e.requested_at >= t.created_at')
        .getQuery();
      query.andWhere(`EXISTS (${erased})`);
    }
    if (this.dataSource.options.type === 'postgres') {
      query.setLock('pessimistic_write', undefined, ['r']).setOnLocked('skip_locked');
    }
    return query;
  }
}
