import { Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuditCause } from '../persistence/audit-event.entity';
import {
  type AuditDetail,
  auditCauseOf,
  changesAuditedState,
  recordStateChange,
} from '../persistence/audit-trail';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { OutboxWriter } from './outbox.writer';
import {
  eventTypeForChange,
  type ScanTransactionEventType,
} from '../transaction/scan-transaction-event';
import type { JumioResult } from '../persistence/verification.types';
import type { ExtractedData } from '../options/extracted-data';
import { JumioDatabase, type DbSession } from '../persistence/database-engine';
import { UNCOUNTED_RETRY_STATUSES } from '../transaction/decision-policy';
import { openReview } from './review-queue.writer';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { ScanTransactionRepository } from '../persistence/scan-transaction.repository';
import type { TransactionChanges } from '../transaction/scan-transaction.rules';
import type { ResultSource, ScanType } from '../persistence/scan-transaction.types';
import { isUniqueViolation } from '../persistence/unique-violation';
import type { StatusFields } from '../persistence/latest-status.query';
import type { VerificationResult } from '../persistence/verification-result.entity';
import { VerificationResultRepository } from '../persistence/verification-result.repository';

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
    private readonly database: JumioDatabase,
    private readonly transactions: ScanTransactionRepository,
    private readonly results: VerificationResultRepository,
    private readonly personalData: PersonalDataCipher,
    @Optional() private readonly outbox?: OutboxWriter,
  ) {
    this.latestStatus = transactions.latestStatus;
  }

  /** The step's state: the open transaction if any (always the newest), else the newest closed one. */
  latest(userId: string, type: ScanType): Promise<ScanTransaction | null> {
    return this.transactions.latest(userId, type);
  }

  /**
   * The decrypted extracted data of a transaction's result (one read by the unique scan_transaction_id);
   * null without a result or once retention purged it.
   */
  async extractedDataOf(transactionId: string): Promise<ExtractedData | null> {
    const row = await this.results.sealedExtractedDataOf(transactionId);
    return row ? this.personalData.openExtractedData(row.id, row.extractedData) : null;
  }

  /**
   * Attempts used so far: transactions whose verification asked the user to try again, except abandoned
   * captures (UNCOUNTED_RETRY_STATUSES: nothing was checked).
   */
  countRetries(userId: string, type: ScanType): Promise<number> {
    return this.transactions.countRetries(userId, type, UNCOUNTED_RETRY_STATUSES);
  }

  /** The user's existing opaque reference (stable across transactions and types), if any. */
  existingUserReference(userId: string): Promise<string | null> {
    return this.transactions.firstUserReference(userId);
  }

  findByJumioReference(jumioReference: string): Promise<ScanTransaction | null> {
    return this.transactions.findByJumioReference(jumioReference);
  }

  /**
   * The transaction a result belongs to: by Jumio's reference, unless the result names another of our
   * customerInternalReferences (the reference was linked to the wrong transaction), then by that.
   */
  async findForResult(result: JumioResult): Promise<ScanTransaction | null> {
    const byReference = await this.findByJumioReference(result.jumioReference);
    const ours = result.customerInternalReference;
    if (!ours || byReference?.customerInternalReference === ours) return byReference;
    return this.transactions.findByCustomerInternalReference(ours);
  }

  /** Inserts a new transaction, closing the one it replaces, atomically. */
  async insert(tx: ScanTransaction, replaces: ScanTransaction | null): Promise<ScanTransaction> {
    try {
      await this.database.transaction(async (manager) => {
        if (replaces) await this.guardedUpdate(manager, replaces, { openKey: null }, tx.createdAt);
        await this.transactions.insert(manager, tx);
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
        return await this.guardedUpdate(null, tx, changes, now, null, cause);
      }
      return await this.database.transaction((manager) =>
        this.guardedUpdate(manager, tx, changes, now, event, cause),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrentChangeError();
      throw error;
    }
  }

  /**
   * Stores a result (at most one per transaction) and, when given, the transaction's changes with it;
   * `alsoWithin` runs last in the same database transaction (the confirmed callback's close).
   */
  async recordResult(
    tx: ScanTransaction,
    result: JumioResult,
    source: ResultSource,
    changes: TransactionChanges | null,
    now: Date,
    alsoWithin?: (session: DbSession) => Promise<void>,
  ): Promise<void> {
    const id = randomUUID();
    const row: VerificationResult = {
      id,
      scanTransactionId: tx.id,
      source,
      jumioStatus: result.jumioStatus,
      decision: result.decision,
      reasons: JSON.stringify(result.reasons),
      // Encrypted, bound to this row (persistence/personal-data.cipher.ts).
      extractedData: this.personalData.sealExtractedData(id, result.extracted),
      reportedAt: result.reportedAt,
      createdAt: now,
    };
    try {
      await this.database.transaction(async (manager) => {
        await this.results.insert(manager, row);
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
        // The caller's own statement, committed with the result or not at all.
        if (alsoWithin) await alsoWithin(manager);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const stored = await this.results.existsFor(tx.id);
      throw stored ? new DuplicateResultError() : new ConcurrentChangeError();
    }
  }

  /**
   * A change made inside the caller's database transaction (the review queue): audited with who made it
   * and why, and announced like any other change.
   */
  changeWithin(
    manager: DbSession,
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
    manager: DbSession | null,
    tx: ScanTransaction,
    changes: TransactionChanges,
    now: Date,
    event: ScanTransactionEventType | null = null,
    cause: AuditCause = 'CLIENT_ROUTE',
    detail?: AuditDetail,
  ): Promise<ScanTransaction> {
    const changed = await this.transactions.updateIfVersion(manager, tx.id, tx.version, {
      ...changes,
      updatedAt: now,
    });
    if (!changed) throw new ConcurrentChangeError();
    const after = { ...tx, ...changes, updatedAt: now, version: tx.version + 1 };
    // Without a session the change moved no audited state and announces nothing (see update).
    if (!manager) return after;
    // In the same database transaction as the change, whenever status or decision moved.
    await recordStateChange(manager, cause, tx.id, tx, after, detail);
    // A result a machine should not decide alone enters the review queue with the change.
    if (after.decision === 'REVIEW' && tx.decision !== 'REVIEW')
      await openReview(manager, after, now);
    if (event) await this.outbox?.append(manager, event, after, now);
    return after;
  }
}
