import { Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditCause } from '../persistence/audit-event.entity';
import {
  type AuditDetail,
  auditCauseOf,
  changesAuditedState,
  recordStateChange,
} from '../data-protection/audit-trail';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { OutboxWriter } from '../events/outbox.writer';
import {
  eventTypeForChange,
  type ScanTransactionEventType,
} from '../events/scan-transaction-event';
import type { ExtractedData, JumioResult } from '../persistence/verification.types';
import { runInTransaction } from '../persistence/db-transaction';
import { UNCOUNTED_RETRY_STATUSES } from '../transaction/decision-policy';
import { openReview } from './review-queue.writer';
import { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { TransactionChanges } from '../transaction/scan-transaction.rules';
import type { ResultSource, ScanType } from '../persistence/scan-transaction.types';
import { isUniqueViolation } from '../persistence/unique-violation';
import type { StatusFields } from './scan-transaction-status.response';
import { latestStatusQuery } from './latest-status.query';
import { VerificationResult } from '../persistence/verification-result.entity';

/** Another request changed the row (or won a unique constraint) first; re-read and decide again. */
export class ConcurrentChangeError extends Error {
  constructor() {
    super('The scan transaction was changed concurrently');
  }
}

/** A result for this transaction is stored already: this one is a duplicate. */
export class DuplicateResultError extends Error {
  constructor() {
    super('A result for this scan transaction is stored already');
  }
}

/**
 * Persistence of scan transactions and their results; every update is guarded by the row version.
 * A change the host hears about is written to the outbox in the same database transaction.
 */
@Injectable()
export class ScanTransactionStore {
  /** What `latest` answers, reduced to the columns clients see: one prepared statement (status route). */
  readonly latestStatus: (userId: string, type: ScanType) => Promise<StatusFields | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataCipher,
    @Optional() private readonly outbox?: OutboxWriter,
  ) {
    this.latestStatus = latestStatusQuery(dataSource);
  }

  /** The step's state: the open transaction if any (always the newest), else the newest closed one. */
  latest(userId: string, type: ScanType): Promise<ScanTransaction | null> {
    return this.dataSource
      .getRepository(ScanTransaction)
      .createQueryBuilder('tx')
      .where('tx.userId = :userId AND tx.type = :type', { userId, type })
      .orderBy('CASE WHEN tx.openKey IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('tx.createdAt', 'DESC')
      .limit(1)
      .getOne();
  }

  /**
   * The decrypted extracted data of a transaction's result (one read by the unique scan_transaction_id);
   * null without a result or once retention purged it.
   */
  async extractedDataOf(transactionId: string): Promise<ExtractedData | null> {
    const row = await this.dataSource.getRepository(VerificationResult).findOne({
      where: { scanTransactionId: transactionId },
      select: { id: true, extractedData: true },
    });
    return row ? this.personalData.openExtractedData(row.id, row.extractedData) : null;
  }

  /**
   * Attempts used so far: transactions whose verification asked the user to try again, except abandoned
   * captures (UNCOUNTED_RETRY_STATUSES: nothing was checked).
   */
  countRetries(userId: string, type: ScanType): Promise<number> {
    return this.dataSource
      .getRepository(ScanTransaction)
      .createQueryBuilder('tx')
      .where('tx.userId = :userId AND tx.type = :type AND tx.decision = :retry', {
        userId,
        type,
        retry: 'RETRY',
      })
      .andWhere('(tx.jumioStatus IS NULL OR tx.jumioStatus NOT IN (:...uncounted))', {
        uncounted: UNCOUNTED_RETRY_STATUSES,
      })
      .getCount();
  }

  /** The user's existing opaque reference (stable across transactions and types), if any. */
  async existingUserReference(userId: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(ScanTransaction).findOne({
      where: { userId },
      select: { id: true, userReference: true },
      order: { createdAt: 'ASC' },
    });
    return row?.userReference ?? null;
  }

  findByJumioReference(jumioReference: string): Promise<ScanTransaction | null> {
    return this.dataSource.getRepository(ScanTransaction).findOneBy({ jumioReference });
  }

  /**
   * The transaction a result belongs to: by Jumio's reference, unless the result names another of our
   * customerInternalReferences (the reference was linked to the wrong transaction), then by that.
   */
  async findForResult(result: JumioResult): Promise<ScanTransaction | null> {
    const byReference = await this.findByJumioReference(result.jumioReference);
    const ours = result.customerInternalReference;
    if (!ours || byReference?.customerInternalReference === ours) return byReference;
    return this.dataSource
      .getRepository(ScanTransaction)
      .findOneBy({ customerInternalReference: ours });
  }

  /** Inserts a new transaction, closing the one it replaces, atomically. */
  async insert(tx: ScanTransaction, replaces: ScanTransaction | null): Promise<ScanTransaction> {
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        if (replaces) await this.guardedUpdate(manager, replaces, { openKey: null }, tx.createdAt);
        await manager.insert(ScanTransaction, tx);
        await recordStateChange(manager, 'CLIENT_ROUTE', tx.id, null, tx);
        await this.outbox?.append(manager, 'started', tx, tx.createdAt);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrentChangeError();
      throw error;
    }
    return { ...tx, version: 1 };
  }

  /** Applies changes if the row is still at the version that was read; `cause` goes to the audit trail. */
  async update(
    tx: ScanTransaction,
    changes: TransactionChanges,
    now: Date,
    cause: AuditCause = 'CLIENT_ROUTE',
  ): Promise<ScanTransaction> {
    const event = this.outbox ? eventTypeForChange(tx, changes) : null;
    try {
      if (!event && !changesAuditedState(tx, changes)) {
        return await this.guardedUpdate(this.dataSource.manager, tx, changes, now, null, cause);
      }
      return await runInTransaction(this.dataSource, (manager) =>
        this.guardedUpdate(manager, tx, changes, now, event, cause),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrentChangeError();
      throw error;
    }
  }

  /** Stores a result (at most one per transaction) and, when given, the transaction's changes with it. */
  async recordResult(
    tx: ScanTransaction,
    result: JumioResult,
    source: ResultSource,
    changes: TransactionChanges | null,
    now: Date,
  ): Promise<void> {
    const id = randomUUID();
    const row: VerificationResult = {
      id,
      scanTransactionId: tx.id,
      source,
      jumioStatus: result.jumioStatus,
      decision: result.decision,
      reasons: JSON.stringify(result.reasons),
      // Encrypted, bound to this row (data-protection/personal-data.cipher.ts).
      extractedData: this.personalData.sealExtractedData(id, result.extracted),
      reportedAt: result.reportedAt,
      createdAt: now,
    };
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.insert(VerificationResult, row);
        if (changes) {
          await this.guardedUpdate(
            manager,
            tx,
            changes,
            now,
            eventTypeForChange(tx, changes),
            auditCauseOf(source),
          );
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const stored = await this.dataSource
        .getRepository(VerificationResult)
        .existsBy({ scanTransactionId: tx.id });
      throw stored ? new DuplicateResultError() : new ConcurrentChangeError();
    }
  }

  /**
   * A change made inside the caller's database transaction (the review queue): audited with who made it
   * and why, and announced like any other change.
   */
  changeWithin(
    manager: EntityManager,
    tx: ScanTransaction,
    changes: TransactionChanges,
    now: Date,
    cause: AuditCause,
    detail?: AuditDetail,
  ): Promise<ScanTransaction> {
    const event = this.outbox ? eventTypeForChange(tx, changes) : null;
    return this.guardedUpdate(manager, tx, changes, now, event, cause, detail);
  }

  private async guardedUpdate(
    manager: EntityManager,
    tx: ScanTransaction,
    changes: TransactionChanges,
    now: Date,
    event: ScanTransactionEventType | null = null,
    cause: AuditCause = 'CLIENT_ROUTE',
    detail?: AuditDetail,
  ): Promise<ScanTransaction> {
    const result = await manager
      .createQueryBuilder()
      .update(ScanTransaction)
      .set({ ...changes, updatedAt: now })
      .where('id = :id AND version = :version', { id: tx.id, version: tx.version })
      .execute();
    if (result.affected !== 1) throw new ConcurrentChangeError();
    const after = { ...tx, ...changes, updatedAt: now, version: tx.version + 1 };
    // In the same database transaction as the change, whenever status or decision moved.
    await recordStateChange(manager, cause, tx.id, tx, after, detail);
    // A result a machine should not decide alone enters the review queue with the change.
    if (after.decision === 'REVIEW' && tx.decision !== 'REVIEW') await openReview(manager, after, now);
    if (event) await this.outbox?.append(manager, event, after, now);
    return after;
  }
}
