import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackParseError } from '../jumio/legacy/callback-form.parser';
import { CallbackInboxService, type PendingCallback } from './callback-inbox.service';
import { failureSummary } from '../common/failure-summary';
import { isJumioReference } from '../jumio/jumio-reference';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { readCallbackClaim } from './callback-claim';
import { ScanTransaction } from '../persistence/scan-transaction.entity';
import { productOf, resultMatchesTransaction } from '../transaction/scan-transaction.rules';
import { ScanTransactionService } from '../start/scan-transaction.service';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';
import { JumioResultRetriever } from '../jumio/jumio-result.retriever';

const BATCH_SIZE = 20;
/** After a failed or unfinished try, wait about as long as the callback is old (30 s to 1 h). */
const MIN_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/**
 * The inbox worker. A callback is a notification, never the result: once it is stored and answered, the
 * worker checks that its reference is its token's transaction, reads the result from Jumio's Retrieval
 * API with our own credentials and applies only that (jumio-api.md §5.1 [INFERRED] hardening).
 *
 * Started right after a callback is stored (after the answer is on its way), and by a timer as a fallback:
 * a callback stored by an instance that died before processing it is picked up by any instance. Callbacks
 * are claimed row by row (a guarded update; `FOR UPDATE SKIP LOCKED` for the timer's batches on
 * PostgreSQL), so instances never process the same one.
 * One whose retrieval fails or is not final yet stays unprocessed and is tried again later (its
 * transaction is still open, so reconciliation retrieves it on its own schedule too): nothing is lost.
 */
@Injectable()
export class CallbackConfirmation implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JumioCallback');
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Callbacks waiting for a free slot, oldest first; `claimed`: the sweep claimed it already. */
  private readonly queue: { id: string; claimed: boolean }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private sweeping: Promise<void> | undefined;
  private readonly concurrency: number;
  /** An API-only instance leaves the callbacks it stores to the worker instances. */
  private readonly processesOwnCallbacks: boolean;
  /** The last sweep claimed a full batch: sweep again as soon as it is done (drains a backlog). */
  private moreDue = false;
  private stopping = false;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly dataSource: DataSource,
    private readonly retriever: JumioResultRetriever,
    private readonly scans: ScanTransactionService,
    private readonly inbox: CallbackInboxService,
  ) {
    this.intervalMs = settings.callbacks.inboxIntervalMs;
    this.processesOwnCallbacks = settings.instance.runsBackgroundWork;
    this.concurrency = settings.callbacks.inboxConcurrency;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * Processes a callback this instance just stored, after the current request has answered. Callbacks
   * start in the order they arrived, a few at a time, as soon as they arrive: a proof of identity's
   * result is normally applied before the proof of address that the same user uploads after it.
   */
  confirmLater(id: string): void {
    if (!this.processesOwnCallbacks) return;
    this.queue.push({ id, claimed: false });
    this.pump();
  }

  /** Lets shutdown (and tests) wait until the callbacks stored so far were processed or postponed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.sweeping) {
      await Promise.allSettled([...this.inFlight, this.sweeping]);
    }
  }

  /** Stops taking work; callbacks claimed but not started are handed back for other instances at once. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.moreDue = false;
    this.stopping = true;
    const unstarted = this.queue.splice(0).filter(({ claimed }) => claimed);
    await this.inbox.leases.release(unstarted.map(({ id }) => id));
    await this.settled();
    this.inbox.leases.stop();
  }

  private pump(): void {
    if (this.queue.length === 0 && this.moreDue && this.timer) void this.sweep();
    while (this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(async () => {
          if (next.claimed || (await this.inbox.claimOne(next.id, new Date()))) {
            this.inbox.leases.hold([next.id]);
            await this.process(next.id);
          }
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
   * Timer: callbacks left unprocessed (stored by an instance that stopped, or postponed after a failed
   * try). An idle instance does one indexed probe and nothing else.
   */
  private sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      this.moreDue = false;
      if (this.stopping || this.queue.length > 0 || !(await this.inbox.anyDue(new Date()))) return;
      const batchSize = Math.max(BATCH_SIZE, 2 * this.concurrency);
      const ids = await this.inbox.claim(new Date(), batchSize);
      this.inbox.leases.hold(ids);
      this.moreDue = ids.length === batchSize;
      for (const id of ids) this.queue.push({ id, claimed: true });
      this.pump();
    })()
      .catch((error: unknown) => this.logFailure(error))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async process(id: string): Promise<void> {
    const callback = await this.inbox.load(id);
    if (!callback) return;
    try {
      await this.confirm(callback);
    } catch (error) {
      this.logger.warn(
        `Callback ${id} not confirmed (${failureSummary(error)}); it will be tried again`,
      );
      await this.postpone(callback);
    }
  }

  private async confirm(callback: PendingCallback): Promise<void> {
    const tx = callback.scanTransactionId
      ? await this.dataSource
          .getRepository(ScanTransaction)
          .findOneBy({ id: callback.scanTransactionId })
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
      return this.inbox.settleSiblings(tx.id, callback.id, retrievedAt, { until });
    }
    if (target.unverified && !resultMatchesTransaction(tx, result)) {
      this.logger.warn(`Callback ${callback.id} ignored: Jumio's result is not its transaction's`);
      return this.inbox.finish(callback.id, 'INVALID', 'reference');
    }
    const outcome = await this.scans.applyResult(result, 'CALLBACK');
    // An unreadable callback that Jumio's answer replaced keeps the field that could not be read.
    await this.inbox.finish(callback.id, outcome, target.unreadableField);
    // Callbacks of this transaction that arrived before this retrieval are answered by it.
    await this.inbox.settleSiblings(tx.id, callback.id, retrievedAt, { outcome: 'DUPLICATE' });
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
    const now = Date.now();
    const waitMs = Math.min(
      MAX_RETRY_MS,
      Math.max(MIN_RETRY_MS, now - callback.receivedAt.getTime()),
    );
    const until = new Date(now + waitMs);
    await this.inbox.postpone(callback.id, until);
    return until;
  }

  private logFailure(error: unknown): void {
    this.logger.warn(`Callback inbox pass failed: ${failureSummary(error)}`);
  }
}
