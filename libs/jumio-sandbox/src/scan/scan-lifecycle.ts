import type { CallbackSender } from '../callback/callback-sender';
import { documentCallbackFields } from '../callback/document-callback.form';
import { netverifyCallbackFields, sampleShaped } from '../callback/netverify-callback.form';
import type { Scenario } from '../control/scenario';
import { SandboxHttpError } from '../http/http-io';
import type { JumioDateFormatter } from '../store/jumio-date';
import type { TransactionStore } from '../store/transaction.store';
import {
  finalStatusOf,
  isDocumentOutcome,
  isNetverifyOutcome,
  type NetverifyScanSource,
  type SandboxTransaction,
  type ScanOutcome,
} from '../store/transaction.types';
import { documentResult } from './document-result';
import { netverifyResult } from './netverify-result';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface FinishedJourney {
  /** What the person chose on the page or the app reported. */
  chosen: ScanOutcome;
  /** Netverify: how the images arrived. */
  scanSource?: NetverifyScanSource;
  /** Document Verification: pages received. */
  pageCount?: number;
  /** The person cancelled: a preset outcome never turns a cancel into an upload. */
  cancelled?: boolean;
}

export interface ScanLifecycleOptions {
  publicUrl: string;
  /** Fixed abandonment delay; when undefined, the transaction's token lifetime. */
  abandonAfterMs?: number;
  log: (line: string) => void;
}

/**
 * A scan's life after creation: the journey ends (or is abandoned), Jumio "processes" for the callback
 * delay, then the result is decided (status DONE / FAILED, visible to retrieval) and the callback sent.
 */
export class ScanLifecycle {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: TransactionStore,
    private readonly scenario: Scenario,
    private readonly callbacks: CallbackSender,
    private readonly dates: JumioDateFormatter,
    private readonly options: ScanLifecycleOptions,
  ) {}

  /** A web journey opened: it is abandoned when its token lifetime ends without a submission. */
  openWebJourney(transaction: SandboxTransaction): void {
    const lifetimeMs = (transaction.tokenExpiresAt ?? Date.now()) - Date.now();
    this.schedule(transaction.reference, this.options.abandonAfterMs ?? lifetimeMs, () => {
      if (!transaction.outcome) this.abandon(transaction);
    });
  }

  /** The journey ended; returns the effective outcome (an outcome preset by the control wins). */
  finishJourney(transaction: SandboxTransaction, journey: FinishedJourney): ScanOutcome {
    const preset = journey.cancelled ? undefined : this.scenario.presetFor(transaction);
    const presetFits = preset && fitsProduct(transaction, preset.outcome);
    const outcome = presetFits ? preset.outcome : journey.chosen;
    transaction.outcome = outcome;
    if (transaction.product === 'NETVERIFY') {
      const nothingUploaded = outcome === 'NO_ID_UPLOADED' && transaction.channel === 'WEB';
      transaction.scanSource = nothingUploaded ? 'WEB' : (journey.scanSource ?? 'SDK');
      if (presetFits) {
        transaction.identityVerification = preset.identityVerification;
        transaction.idExpiry = preset.idExpiry;
        transaction.additionalChecks = preset.additionalChecks;
        transaction.name = preset.name;
      }
    } else {
      transaction.pageCount = journey.pageCount ?? 1;
    }
    this.schedule(transaction.reference, this.scenario.callbackDelayMs, () =>
      this.decide(transaction),
    );
    return outcome;
  }

  /** Ends a web journey that was never submitted now, as when its token lifetime runs out. */
  abandonNow(reference: string): void {
    const transaction = this.store.getLive(reference);
    if (!transaction) throw new SandboxHttpError(404, `unknown transaction ${reference}`);
    if (transaction.outcome) {
      throw new SandboxHttpError(409, `transaction ${reference} already finished its journey`);
    }
    this.abandon(transaction);
  }

  /** Delete API: nothing more happens to the transaction. */
  forget(reference: string): void {
    clearTimeout(this.timers.get(reference));
    this.timers.delete(reference);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private abandon(transaction: SandboxTransaction): void {
    transaction.abandoned = true;
    transaction.outcome = transaction.product === 'NETVERIFY' ? 'NO_ID_UPLOADED' : 'FAILED';
    if (transaction.product === 'NETVERIFY') transaction.scanSource = 'WEB';
    this.options.log(`scan: ${transaction.product} ${transaction.reference} abandoned`);
    // The abandonment itself is the late event (token lifetime); its callback follows at once.
    this.decide(transaction);
  }

  private decide(transaction: SandboxTransaction): void {
    this.forget(transaction.reference);
    if (transaction.deletedAt || !transaction.outcome) return;
    transaction.status = finalStatusOf(transaction.outcome);
    transaction.completedAt = this.dates.format(new Date());
    const { publicUrl } = this.options;
    const netverify = (fields: Record<string, string>) =>
      this.scenario.callbackShape === 'sample' ? sampleShaped(fields) : fields;
    const fields =
      transaction.product === 'NETVERIFY'
        ? netverify(netverifyCallbackFields(transaction, netverifyResult(transaction, publicUrl)))
        : documentCallbackFields(transaction, documentResult(transaction, publicUrl));
    this.options.log(
      `scan: ${transaction.product} ${transaction.reference} is ${transaction.status}`,
    );
    void this.callbacks.send(transaction, fields);
  }

  private schedule(reference: string, delayMs: number, action: () => void): void {
    this.forget(reference);
    // Token lifetimes reach 60 days, beyond what one Node timer can wait: wait in steps.
    const step = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(reference);
      if (delayMs > MAX_TIMER_MS) this.schedule(reference, delayMs - MAX_TIMER_MS, action);
      else action();
    }, step);
    timer.unref();
    this.timers.set(reference, timer);
  }
}

export function fitsProduct(transaction: SandboxTransaction, outcome: ScanOutcome): boolean {
  return transaction.product === 'NETVERIFY'
    ? isNetverifyOutcome(outcome)
    : isDocumentOutcome(outcome);
}
