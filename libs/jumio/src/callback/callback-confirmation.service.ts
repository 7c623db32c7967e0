import { Inject, Injectable, Logger } from '@nestjs/common';
import { CallbackParseError } from '../jumio/callback-parse.error';
import { failureSummary } from '../common/failure-summary';
import { isJumioReference } from '../jumio/jumio-reference';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { BackgroundResults } from '../results/background-results';
import { CALLBACK_BACKOFF, nextTryAt } from '../common/backoff';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../persistence/background-data-source';
import {
  CallbackInboxRepository,
  type StoredCallback,
} from '../persistence/callback-inbox.repository';
import { ScanTransactionWorkRepository } from '../persistence/scan-transaction-work.repository';
import type { CallbackOutcome } from '../persistence/callback-inbox.entity';
import type { DbSession } from '../persistence/database-engine';
import type { WithRecordedResult } from '../results/result-applier';
import { readCallbackClaim } from './callback-claim';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { productOf, resultMatchesTransaction } from '../transaction/scan-transaction.rules';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';
import { JumioResultRetriever } from '../jumio/jumio-result.retriever';

const BATCH_SIZE = 20;
/** The scheduler's jobs of the inbox worker. */
export const CALLBACK_INBOX_JOB = 'callback inbox';
export const CALLBACK_INBOX_LEASES_JOB = 'callback inbox lease renewal';

/** A callback to process: the transaction its URL token named, and its raw form (opened). */
export interface PendingCallback {
  id: string;
  receivedAt: Date;
  scanTransactionId: string | null;
  /** The Jumio reference the form names, when it is shaped like one (even if the rest is unreadable). */
  claimedReference: string | null;
  form: Record<string, unknown>;
}

/**
 * The inbox worker. A callback is a notification, never the result: once it is stored and answered, the
 * worker checks that its reference is its token's transaction, reads the result from Jumio's Retrieval
 * API with our own credentials and applies only that (jumio-api.md §5.1 [INFERRED] hardening).
 *
 * Started right after a callback is stored (after the answer is on its way), and by the scheduler's
 * `callback inbox` job as a fallback: a callback stored by an instance that died before processing it is
 * picked up by any instance. Callbacks are leased row by row (WorkLeases), so instances never process
 * the same one. One whose retrieval fails or is not final yet stays unprocessed and is tried again later
 * (its transaction is still open, so reconciliation retrieves it on its own schedule too): nothing is
 * lost. Its database work goes through the background DataSource (BackgroundDatabase).
 */
@Injectable()
export class CallbackConfirmation {
  private readonly logger = new Logger('JumioCallback');
  private readonly intervalMs: number;
  private readonly inbox: CallbackInboxRepository;
  private readonly transactions: ScanTransactionWorkRepository;
  /** Callbacks waiting for a free slot, oldest first; `leased`: the sweep leased it already. */
  private readonly queue: { id: string; leased: boolean }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private sweeping: Promise<void> | undefined;
  private readonly concurrency: number;
  /** An API-only instance leaves the callbacks it stores to the worker instances. */
  private readonly processesOwnCallbacks: boolean;
  /** The last sweep leased a full batch: sweep again as soon as it is done (drains a backlog). */
  private moreDue = false;
  private stopping = false;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    background: BackgroundDatabase,
    private readonly retriever: JumioResultRetriever,
    private readonly results: BackgroundResults,
    private readonly personalData: PersonalDataCipher,
  ) {
    this.intervalMs = settings.callbacks.inboxIntervalMs;
    this.processesOwnCallbacks = settings.instance.runsBackgroundWork;
    this.concurrency = settings.callbacks.inboxConcurrency;
    this.inbox = new CallbackInboxRepository(background.dataSource);
    this.transactions = new ScanTransactionWorkRepository(background.dataSource);
  }

  /**
   * The worker's jobs: the sweep and the renewal of the leases it holds. The module's root puts them on
   * the scheduler (`jumio-module.jobs.ts`); the worker itself knows no scheduler.
   */
  jobs() {
    return [
      {
        name: CALLBACK_INBOX_JOB,
        intervalMs: this.intervalMs,
        run: () => this.sweep(),
        stop: () => this.stop(),
      },
      {
        name: CALLBACK_INBOX_LEASES_JOB,
        intervalMs: this.processesOwnCallbacks ? Math.max(100, this.inbox.leases.leaseMs / 3) : 0,
        run: () => this.inbox.leases.renewHeld(),
      },
    ];
  }

  /**
   * Processes a callback this instance just stored, after the current request has answered. Callbacks
   * start in the order they arrived, a few at a time, as soon as they arrive: a proof of identity's
   * result is normally applied before the proof of address that the same user uploads after it.
   */
  confirmLater(id: string): void {
    if (!this.processesOwnCallbacks || this.stopping) return;
    this.queue.push({ id, leased: false });
    this.pump();
  }

  /** Lets shutdown (and tests) wait until the callbacks stored so far were processed or postponed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.sweeping) {
      await Promise.allSettled([...this.inFlight, this.sweeping]);
    }
  }

  /** Shutdown: stops taking work; callbacks leased but not started are handed back at once. */
  private async stop(): Promise<void> {
    this.moreDue = false;
    this.stopping = true;
    const unstarted = this.queue.splice(0).filter(({ leased }) => leased);
    await this.inbox.leases.release(unstarted.map(({ id }) => id));
    await this.settled();
    this.inbox.leases.stop();
  }

  private pump(): void {
    if (this.queue.length === 0 && this.moreDue && this.intervalMs > 0 && !this.stopping) {
      void this.sweep(); // joins the scheduler's pass if one is under way (one sweep at a time)
    }
    while (this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(async () => {
          const stored = next.leased
            ? await this.inbox.load(next.id)
            : await this.inbox.takeAndLoad(next.id, new Date());
          if (!stored) return;
          this.inbox.leases.hold([next.id]);
          await this.process(stored);
        })
        .catch((error: unknown) => this.logFailure(error))
        .finally(() => {
          this.inbox.leases.drop(next.id);
          this.inFlight.delete(work);
          this.pump();
        });
      this.inFlight.add(work);
    }
  }

  /**
   * The scheduler's job: callbacks left unprocessed (stored by an instance that stopped, or postponed
   * after a failed try). An idle instance does one indexed probe and nothing else.
   */
  private sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      this.moreDue = false;
      if (this.stopping || this.queue.length > 0 || !(await this.inbox.anyDue(new Date()))) return;
      const batchSize = Math.max(BATCH_SIZE, 2 * this.concurrency);
      const ids = await this.inbox.take(new Date(), batchSize);
      this.moreDue = ids.length === batchSize;
      for (const id of ids) this.queue.push({ id, leased: true });
      this.pump();
    })()
      .catch((error: unknown) => this.logFailure(error))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async process(stored: StoredCallback): Promise<void> {
    const form = this.personalData.openCallbackPayload(stored.id, stored.sealedPayload);
    if (!form) return;
    const callback: PendingCallback = {
      id: stored.id,
      receivedAt: stored.receivedAt,
      scanTransactionId: stored.scanTransactionId,
      claimedReference: stored.claimedReference,
      form,
    };
    try {
      await this.confirm(callback);
    } catch (error) {
      this.logger.warn(
        `Callback ${callback.id} not confirmed (${failureSummary(error)}); it will be tried again`,
      );
      await this.postpone(callback);
    }
  }

  private async confirm(callback: PendingCallback): Promise<void> {
    const tx = callback.scanTransactionId
      ? await this.transactions.findById(callback.scanTransactionId)
      : null;
    if (!tx) return this.inbox.finish(callback.id, 'UNKNOWN_REFERENCE');
    const target = this.retrievalTarget(callback, tx);
    if ('invalid' in target) {
      this.logger.warn(`Callback ${callback.id} ignored: ${target.why}`);
      return this.inbox.finish(callback.id, 'INVALID', target.invalid);
    }
    // A closed transaction keeps its first final result whatever a callback says: no Jumio call (each
    // would be billed time at Jumio, and anyone holding the callback URL could send them by the thousand).
    if (tx.openKey === null) {
      const decided = tx.decision !== null && tx.decision !== 'PENDING';
      return this.inbox.finish(callback.id, decided ? 'DUPLICATE' : 'IGNORED_STALE');
    }
    // Only a reference is taken from the callback, and it is the URL token's transaction's.
    const retrievedAt = new Date();
    let result: JumioResult;
    try {
      result = await this.retriever.retrieve(target.product, target.jumioReference);
    } catch (error) {
      const unknownToJumio =
        error instanceof JumioError && error.code === JumioErrorCode.JUMIO_NOT_FOUND;
      if (!target.unverified || !unknownToJumio) throw error;
      return this.inbox.finish(callback.id, 'INVALID', 'reference');
    }
    if (result.decision === 'PENDING') {
      const until = await this.postpone(callback);
      return this.inbox.postponeEarlier(tx.id, callback.id, retrievedAt, until);
    }
    if (target.unverified && !resultMatchesTransaction(tx, result)) {
      this.logger.warn(`Callback ${callback.id} ignored: Jumio's result is not its transaction's`);
      return this.inbox.finish(callback.id, 'INVALID', 'reference');
    }
    // An unreadable callback that Jumio's answer replaced keeps the field that could not be read;
    // callbacks of this transaction that arrived before this retrieval are answered by it (one statement).
    // When a result is recorded, that statement commits with it: a decision is never applied while its
    // callback stays open (to be confirmed again), and a close never lands without its decision.
    const close = (outcome: CallbackOutcome, session?: DbSession) =>
      this.inbox.finishWithEarlier(
        callback.id,
        outcome,
        target.unreadableField,
        tx.id,
        retrievedAt,
        session,
      );
    const withRecorded: WithRecordedResult = {
      run: (session, outcome) => close(outcome, session),
    };
    const outcome = await this.results.applier.applyResult(result, 'CALLBACK', tx, withRecorded);
    if (!withRecorded.committed) await close(outcome);
  }

  /**
   * What to ask the Retrieval API about. A readable callback names its reference, which must be its
   * transaction's. One that cannot be read (a field missing or malformed, a shape Jumio added) still says
   * "look now": the transaction's own reference is asked, or, for a mobile scan whose app has not reported
   * its reference yet, the reference the form names (the retrieved result must then carry the
   * transaction's customerInternalReference).
   */
  private retrievalTarget(
    callback: PendingCallback,
    tx: ScanTransaction,
  ):
    | {
        product: JumioProduct;
        jumioReference: string;
        unreadableField?: string;
        /** The reference came from an unreadable form: the retrieved result must prove it is ours. */
        unverified?: boolean;
      }
    | { invalid: string; why: string } {
    try {
      // Only its product and reference are used from here on.
      const claimed = readCallbackClaim(callback.form)(productOf(tx.type));
      if (!resultMatchesTransaction(tx, claimed)) {
        return { invalid: 'reference', why: "its reference is not its transaction's" };
      }
      return { product: claimed.product, jumioReference: claimed.jumioReference };
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      const named = callback.claimedReference;
      const jumioReference = tx.jumioReference ?? (named && isJumioReference(named) ? named : null);
      if (!jumioReference) {
        return { invalid: error.field, why: `field ${error.field} ${error.problem}, no reference` };
      }
      return {
        product: productOf(tx.type),
        jumioReference,
        unreadableField: error.field,
        unverified: tx.jumioReference === null,
      };
    }
  }

  private async postpone(callback: PendingCallback): Promise<Date> {
    const now = new Date();
    const until = nextTryAt(
      CALLBACK_BACKOFF,
      { ageMs: now.getTime() - callback.receivedAt.getTime() },
      now,
    );
    await this.inbox.postpone(callback.id, until);
    return until;
  }

  private logFailure(error: unknown): void {
    this.logger.warn(`Callback inbox pass failed: ${failureSummary(error)}`);
  }
}
