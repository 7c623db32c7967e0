import { Injectable } from '@nestjs/common';
import { CallbackInboxRepository } from '../persistence/callback-inbox.repository';
import { JumioDatabase, type DbSession } from '../persistence/database-engine';
import {
  VerificationResultRepository,
  type ResultPurgeScope,
} from '../persistence/verification-result.repository';
import type { AuditAction, AuditCause } from '../persistence/audit-event.entity';
import { recordAuditEvent } from '../persistence/audit-trail';

const BATCH_SIZE = 100;

/**
 * Removes personal data while keeping the decision and its timestamps. Every purged result gets an audit
 * event in the same database transaction. Safe with several instances: rows are claimed with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, and each UPDATE is guarded (`extracted_data IS NOT NULL`) so a
 * row is purged and audited once even where row locks do not exist (SQLite, one writer at a time).
 */
@Injectable()
export class PersonalDataPurger {
  constructor(
    private readonly database: JumioDatabase,
    private readonly results: VerificationResultRepository,
    private readonly inbox: CallbackInboxRepository,
  ) {}

  /** Purges extracted data in batches; returns how many results were purged. */
  async purgeResults(
    scope: ResultPurgeScope,
    cause: AuditCause,
    action: AuditAction,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await this.database.transaction((session) =>
        this.purgeBatch(session, scope, cause, action),
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
  purgeCallbackPayloads(scope: { receivedBefore: Date } | { userId: string }): Promise<number> {
    return this.inbox.purgePayloads(scope);
  }

  private async purgeBatch(
    session: DbSession,
    scope: ResultPurgeScope,
    cause: AuditCause,
    action: AuditAction,
  ): Promise<{ claimed: number; purged: number }> {
    const claimed = await this.results.claimToPurge(session, scope, BATCH_SIZE);
    let purged = 0;
    const now = new Date();
    for (const row of claimed) {
      if (!(await this.results.purgeExtractedData(session, row.resultId))) continue;
      purged += 1;
      const state = { status: row.status, decision: row.decision };
      await recordAuditEvent(session, {
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
}
