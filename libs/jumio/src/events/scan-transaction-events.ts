import { Injectable, Logger } from '@nestjs/common';
import type { ScanTransactionEvent } from '../transaction/scan-transaction-event';

export type ScanTransactionEventHandler = (event: ScanTransactionEvent) => Promise<void> | void;

/**
 * Where the host listens for scan transaction events:
 *
 *     const unsubscribe = events.subscribe(async (event) => { ... });
 *
 * Delivery is at least once: a handler may see the same event again (same `id`) after a failure or a
 * crash, so handlers must be idempotent. Events of one transaction arrive in order. A handler that
 * throws makes the event be delivered again later, to every handler.
 */
@Injectable()
export class ScanTransactionEvents {
  private readonly logger = new Logger('JumioEvents');
  private readonly handlers = new Set<ScanTransactionEventHandler>();

  /** Returns the function that unsubscribes. */
  subscribe(handler: ScanTransactionEventHandler): () => void {
    const entry: ScanTransactionEventHandler = (event) => handler(event);
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  /** Runs every handler; throws the first failure after all have run. Used by the OutboxRelay. */
  async publish(event: ScanTransactionEvent): Promise<void> {
    let failure: Error | undefined;
    for (const handler of [...this.handlers]) {
      try {
        await handler(event);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        this.logger.warn(
          `A handler failed on event ${event.id} (${event.type}); it will be delivered again`,
        );
      }
    }
    if (failure !== undefined) throw failure;
  }
}
