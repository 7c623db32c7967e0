import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackParseError } from '../callback/callback-form.parser';
import { CallbackInboxService, type PendingCallback } from '../callback/callback-inbox.service';
import { failureSummary } from '../common/failure-summary';
import { JumioError } from '../errors/jumio.error';
import { JUMIO_MODULE_OPTIONS } from '../jumio.module-definition';
import type { JumioModuleOptions } from '../jumio.options';
import { readCallbackClaim } from '../platform/callback-claim';
import { ScanTransaction } from '../scan-transaction/scan-transaction.entity';
import { productOf, resultMatchesTransaction } from '../scan-transaction/scan-transaction.rules';
import { ScanTransactionService } from '../scan-transaction/scan-transaction.service';
import type { JumioResult } from '../scan-transaction/verification.types';
import { JumioResultRetriever } from './jumio-result.retriever';

export const DEFAULT_CALLBACK_INBOX_INTERVAL_MS = 5_000;
const BATCH_SIZE = 20;
/** Callbacks processed at the same time by one instance (each holds a pooled connection at times). */
const MAX_CONCURRENT = 4;
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

  constructor(
    @Inject(JUMIO_MODULE_OPTIONS) options: JumioModuleOptions,
    private readonly dataSource: DataSource,
    private readonly retriever: JumioResultRetriever,
    private readonly scans: ScanTransactionService,
    private readonly inbox: CallbackInboxService,
  ) {
    this.intervalMs = options.callbackInboxIntervalMs ?? DEFAULT_CALLBACK_INBOX_INTERVAL_MS;
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
    this.queue.push({ id, claimed: false });
    this.pump();
  }

  /** Lets shutdown (and tests) wait until the callbacks stored so far were processed or postponed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0 || this.sweeping) {
      await Promise.allSettled([...this.inFlight, this.sweeping]);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
  }

  private pump(): void {
    while (this.inFlight.size < MAX_CONCURRENT && this.queue.length > 0) {
      const next = this.queue.shift()!;
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(async () => {
          if (next.claimed || (await this.inbox.claimOne(next.id, new Date())))
            await this.process(next.id);
        })
        .catch((error: unknown) => this.logFailure(error))
        .finally(() => {
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
      if (this.queue.length > 0 || !(await this.inbox.anyDue(new Date()))) return;
      const ids = await this.inbox.claim(new Date(), BATCH_SIZE);
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
      const what = error instanceof JumioError ? error.code : 'an unexpected error';
      this.logger.warn(`Callback ${id} not confirmed (${what}); it will be tried again`);
      await this.postpone(callback);
    }
  }

  private async confirm(callback: PendingCallback): Promise<void> {
    let claimedFor: (product: JumioResult['product']) => JumioResult;
    try {
      // Parsed when it arrived already; only its product and reference are used from here on.
      claimedFor = readCallbackClaim(callback.form);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      return this.inbox.finish(callback.id, 'INVALID', error.field);
    }
    const tx = callback.scanTransactionId
      ? await this.dataSource
          .getRepository(ScanTransaction)
          .findOneBy({ id: callback.scanTransactionId })
      : null;
    if (!tx) return this.inbox.finish(callback.id, 'UNKNOWN_REFERENCE');
    const claimed = claimedFor(productOf(tx.type));
    if (!resultMatchesTransaction(tx, claimed)) {
      this.logger.warn(`Callback ${callback.id} ignored: its reference is not its transaction's`);
      return this.inbox.finish(callback.id, 'INVALID', 'reference');
    }
    // Only the claimed reference is taken from the callback, and it matched the URL's transaction.
    const result = await this.retriever.retrieve(claimed.product, claimed.jumioReference);
    if (result.decision === 'PENDING') return this.postpone(callback);
    const outcome = await this.scans.applyResult(result, 'CALLBACK');
    await this.inbox.finish(callback.id, outcome);
  }

  private postpone(callback: PendingCallback): Promise<void> {
    const now = Date.now();
    const waitMs = Math.min(
      MAX_RETRY_MS,
      Math.max(MIN_RETRY_MS, now - callback.receivedAt.getTime()),
    );
    return this.inbox.postpone(callback.id, new Date(now + waitMs));
  }

  private logFailure(error: unknown): void {
    this.logger.warn(`Callback inbox pass failed: ${failureSummary(error)}`);
  }
}
