import { Inject, Injectable, Optional } from '@nestjs/common';
import { auditCauseOf } from '../persistence/audit-trail';
import { decideNetverify } from '../jumio/legacy/verification-decision';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import type { DbSession } from '../persistence/database-engine';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { ApplyOutcome, ResultSource } from '../persistence/scan-transaction.types';
import type { JumioResult } from '../persistence/verification.types';
import type { DecisionPolicy } from '../options/decision-policy.options';
import {
  isOpen,
  planResult,
  resultMatchesTransaction,
} from '../transaction/scan-transaction.rules';
import { retryOnConflict } from './conflict-retry';
import { ProofOfAddressReviewer } from './proof-of-address.reviewer';
import { DuplicateResultError, ScanTransactionStore } from './scan-transaction.store';

/**
 * A statement of the caller's to commit with the result, in its database transaction, whenever a result
 * is recorded (the callback confirmation closes its callback there: the decision and the close commit
 * together or not at all).
 */
export interface WithRecordedResult {
  run(session: DbSession, outcome: 'APPLIED' | 'IGNORED_STALE'): Promise<void>;
  /** Set by `applyResult`: whether `run` committed with the result of the attempt that answered. */
  committed?: boolean;
}

/**
 * Applies Jumio's results (a confirmed callback, or a Retrieval API answer from reconciliation) to their
 * transactions: the bank's decision (decision policy, proof-of-address rules), the step's next state, the
 * stored result, and with them the audit event, the review opened and the host's outbox event.
 */
@Injectable()
export class ResultApplier {
  private readonly maxAttempts: number;
  private readonly policy: DecisionPolicy;

  constructor(
    @Inject(JUMIO_SETTINGS) { scans, decisions }: JumioSettings,
    private readonly store: ScanTransactionStore,
    @Optional() private readonly poaReviewer?: ProofOfAddressReviewer,
  ) {
    this.maxAttempts = scans.maxAttempts;
    this.policy = decisions.policy;
  }

  /**
   * Records Jumio's result (callback or retrieval) and moves the step on. Idempotent: the first result of
   * a transaction is final, later ones are duplicates; a result for a closed transaction is stored but
   * changes nothing; a reference we never issued creates nothing. `known`: the transaction as the caller
   * just read it (the callback confirmation, by the callback's token); the first try uses it instead of
   * reading it again when it is the one the result belongs to. Every write is guarded by its version, so
   * a change made since it was read is a conflict, and the retry reads the transaction afresh.
   * `withRecorded`: the caller's statement committed with a recorded result (see WithRecordedResult).
   */
  applyResult(
    result: JumioResult,
    source: ResultSource,
    known?: ScanTransaction,
    withRecorded?: WithRecordedResult,
  ): Promise<ApplyOutcome> {
    let reuse = known && isFoundByReference(known, result) ? known : undefined;
    return retryOnConflict(async () => {
      if (withRecorded) withRecorded.committed = false;
      const tx = reuse ?? (await this.store.findForResult(result));
      reuse = undefined;
      if (!tx || !resultMatchesTransaction(tx, result)) return 'UNKNOWN_REFERENCE';
      const now = new Date();
      if (tx.jumioReference === null) await this.releaseMislinkedReference(tx, result, source, now);
      // Netverify: the bank's decision table (decisionPolicy). Document Verification decides nothing
      // itself: the bank's proof-of-address rules do.
      const judged = result.netverifyFacts
        ? { ...result, ...decideNetverify(result.netverifyFacts, this.policy, now) }
        : result;
      const decided =
        isOpen(tx) && this.poaReviewer ? await this.poaReviewer.review(tx, judged, now) : judged;
      const changes = isOpen(tx)
        ? planResult(tx, decided, this.maxAttempts, now, this.policy.lastAttempt)
        : null;
      if (decided.decision === 'PENDING') {
        if (changes) await this.store.update(tx, changes, now, auditCauseOf(source));
        return changes ? 'APPLIED' : 'IGNORED_STALE';
      }
      const outcome = changes ? 'APPLIED' : 'IGNORED_STALE';
      try {
        await this.store.recordResult(
          tx,
          decided,
          source,
          changes,
          now,
          withRecorded && ((session) => withRecorded.run(session, outcome)),
        );
      } catch (error) {
        if (error instanceof DuplicateResultError) return 'DUPLICATE';
        throw error;
      }
      if (withRecorded) withRecorded.committed = true;
      return outcome;
    });
  }

  /**
   * Another transaction may hold this result's Jumio reference, linked through `!setScanTransaction`
   * although Jumio's answer names `owner`: that link was wrong, so it is cleared, and the reference (unique)
   * goes to its owner with the result.
   */
  private async releaseMislinkedReference(
    owner: ScanTransaction,
    result: JumioResult,
    source: ResultSource,
    now: Date,
  ): Promise<void> {
    const holder = await this.store.findByJumioReference(result.jumioReference);
    if (!holder || holder.id === owner.id) return;
    await this.store.update(holder, { jumioReference: null }, now, auditCauseOf(source));
  }
}

/**
 * Whether `store.findForResult(result)` finds `tx`: it holds the result's Jumio reference (unique) and
 * the result names no other customerInternalReference.
 */
function isFoundByReference(tx: ScanTransaction, result: JumioResult): boolean {
  const ours = result.customerInternalReference;
  return (
    tx.jumioReference !== null &&
    tx.jumioReference === result.jumioReference &&
    (!ours || ours === tx.customerInternalReference)
  );
}
