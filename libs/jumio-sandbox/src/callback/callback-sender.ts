import type { Scenario } from '../control/scenario';
import {
  CallbackSenderCore,
  FORM_CALLBACK_BODY,
  type CallbackDelivery,
  type SentCallback,
} from './callback-delivery';

export { CALLBACK_USER_AGENT, type CallbackDelivery } from './callback-delivery';

/** One callback that the sandbox sent, or would have sent. */
export interface CallbackRecord extends SentCallback {
  reference: string;
  product: 'NETVERIFY' | 'DOCUMENT';
  /** The form fields, as sent (nested objects are JSON strings). */
  fields: Record<string, string>;
  /** The exact `application/x-www-form-urlencoded` body. */
  body: string;
  delivery: CallbackDelivery;
}

export interface CallbackTarget {
  reference: string;
  product: 'NETVERIFY' | 'DOCUMENT';
  callbackUrl?: string;
}

export interface WaitForCallbacksOptions {
  /** Count only callbacks about this Jumio reference. */
  reference?: string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

type LegacyDetails = Pick<CallbackRecord, 'reference' | 'product' | 'fields'>;

/** Sends legacy callbacks as Jumio does (form bodies), records every one, never throws at the caller. */
export class CallbackSender {
  private readonly core: CallbackSenderCore<Record<string, string>, LegacyDetails>;

  constructor(scenario: Scenario, timeoutMs: number, log: (line: string) => void) {
    this.core = new CallbackSenderCore(scenario, timeoutMs, log, FORM_CALLBACK_BODY, 'callbacks');
  }

  send(
    target: CallbackTarget,
    fields: Record<string, string>,
    resend = false,
  ): Promise<CallbackRecord> {
    return this.core.send({
      callbackUrl: target.callbackUrl,
      payload: fields,
      resend,
      details: () => ({
        reference: target.reference,
        product: target.product,
        fields: { ...fields },
      }),
      subject: `transaction ${target.reference}`,
      sentSubject: `${target.product} ${target.reference}`,
    });
  }

  /** A copy of every callback record, oldest first. */
  list(): CallbackRecord[] {
    return this.core.list();
  }

  lastFor(reference: string): CallbackRecord | undefined {
    return this.core.lastWhere((record) => record.reference === reference);
  }

  onCallback(listener: (record: CallbackRecord) => void): () => void {
    return this.core.onCallback(listener);
  }

  /** Resolves with the matching records once at least `count` of them have settled. */
  waitFor(count: number, options: WaitForCallbacksOptions = {}): Promise<CallbackRecord[]> {
    return this.core.waitFor(
      count,
      (record) => !options.reference || record.reference === options.reference,
      options.timeoutMs,
    );
  }

  close(): void {
    this.core.close();
  }
}
