import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { CallbackInboxEntry } from '../callback/callback-inbox.entity';
import { CallbackInboxService } from '../callback/callback-inbox.service';
import { JumioError } from '../errors/jumio.error';
import { ScanTransactionService } from '../scan-transaction/scan-transaction.service';
import type { JumioResult } from '../scan-transaction/verification.types';
import { JumioResultRetriever } from './jumio-result.retriever';

/**
 * A callback is a notification, never the result: once it is stored and answered, the result is read
 * from Jumio's Retrieval API with our own credentials and only that is applied (jumio-api.md §5.1
 * [INFERRED] hardening). A callback whose retrieval fails or is not final yet stays unprocessed in the
 * inbox; its transaction is still open, so reconciliation retrieves it on schedule: nothing is lost.
 */
@Injectable()
export class CallbackConfirmation implements OnModuleDestroy {
  private readonly logger = new Logger('JumioCallback');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly retriever: JumioResultRetriever,
    private readonly scans: ScanTransactionService,
    private readonly inbox: CallbackInboxService,
  ) {}

  /** Confirms in the background, after the caller has answered Jumio. */
  confirmLater(entry: CallbackInboxEntry, claimed: JumioResult): void {
    const work: Promise<void> = this.confirm(entry, claimed)
      .then(() => undefined)
      .catch((error: unknown) => {
        const what = error instanceof JumioError ? error.code : 'an unexpected error';
        this.logger.warn(
          `Callback ${entry.id} not confirmed (${what}); reconciliation will retrieve it`,
        );
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Lets shutdown (and tests) wait for confirmations under way. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  private async confirm(entry: CallbackInboxEntry, claimed: JumioResult): Promise<void> {
    // Only the claimed reference is taken from the callback, and it already matched the URL's transaction.
    const result = await this.retriever.retrieve(claimed.product, claimed.jumioReference);
    if (result.decision === 'PENDING') return;
    const outcome = await this.scans.applyResult(result, 'CALLBACK');
    await this.inbox.finish(entry, outcome);
  }
}
