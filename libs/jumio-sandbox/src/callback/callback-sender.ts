import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { Scenario } from '../control/scenario';

/** Jumio documents no User-Agent for callbacks; this one looks like a service and says what it is. */
export const CALLBACK_USER_AGENT = 'Jumio Callback/1.0 (Jumio SANDBOX, not Jumio)';

export type CallbackDelivery =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** The receiver answered another status. */
  | 'REJECTED'
  /** Connection refused, timeout or other network error. */
  | 'UNREACHABLE'
  /** Dropped on purpose by the scenario control. */
  | 'DROPPED'
  /** The transaction has no callbackUrl, so Jumio would send nothing. */
  | 'NO_CALLBACK_URL';

/** One callback that the sandbox sent, or would have sent. */
export interface CallbackRecord {
  sequence: number;
  reference: string;
  product: 'NETVERIFY' | 'DOCUMENT';
  url: string | null;
  /** The form fields, as sent (nested objects are JSON strings). */
  fields: Record<string, string>;
  /** The exact `application/x-www-form-urlencoded` body. */
  body: string;
  /** True for a duplicate sent through the control. */
  resend: boolean;
  delivery: CallbackDelivery;
  responseStatus?: number;
  error?: string;
  settledAt: string;
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

/** Sends callbacks as Jumio does, records every one, and never throws at the caller. */
export class CallbackSender {
  private readonly records: CallbackRecord[] = [];
  private readonly events = new EventEmitter();
  private readonly inFlight = new Set<AbortController>();
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.events.setMaxListeners(0);
  }

  async send(
    target: CallbackTarget,
    fields: Record<string, string>,
    resend = false,
  ): Promise<CallbackRecord> {
    const body = new URLSearchParams(fields).toString();
    const base = {
      sequence: ++this.sequence,
      reference: target.reference,
      product: target.product,
    };
    const record: Omit<CallbackRecord, 'delivery' | 'settledAt'> = {
      ...base,
      url: target.callbackUrl ?? null,
      fields: { ...fields },
      body,
      resend,
    };
    if (!target.callbackUrl) {
      this.log(`callback: transaction ${target.reference} has no callbackUrl, no callback sent`);
      return this.settle({ ...record, delivery: 'NO_CALLBACK_URL' });
    }
    if (!resend && this.scenario.takeDrop()) {
      this.log(`callback: dropped (scenario control) for transaction ${target.reference}`);
      return this.settle({ ...record, delivery: 'DROPPED' });
    }
    // The callback URL carries the receiver's secret token: log its origin only.
    const origin = new URL(target.callbackUrl).origin;
    try {
      const status = await this.post(new URL(target.callbackUrl), body);
      const delivery = status >= 200 && status < 300 ? 'DELIVERED' : 'REJECTED';
      this.log(`callback: ${target.product} ${target.reference} to ${origin} answered ${status}`);
      return this.settle({ ...record, delivery, responseStatus: status });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`callback: ${target.product} ${target.reference} to ${origin} failed: ${message}`);
      return this.settle({ ...record, delivery: 'UNREACHABLE', error: message });
    }
  }

  /** A copy of every callback record, oldest first. */
  list(): CallbackRecord[] {
    return structuredClone(this.records);
  }

  lastFor(reference: string): CallbackRecord | undefined {
    const found = this.records.filter((record) => record.reference === reference).at(-1);
    return found && structuredClone(found);
  }

  onCallback(listener: (record: CallbackRecord) => void): () => void {
    const wrapped = (record: CallbackRecord) => listener(structuredClone(record));
    this.events.on('callback', wrapped);
    return () => this.events.off('callback', wrapped);
  }

  /** Resolves with the matching records once at least `count` of them have settled. */
  waitFor(count: number, options: WaitForCallbacksOptions = {}): Promise<CallbackRecord[]> {
    const matching = () =>
      this.list().filter((record) => !options.reference || record.reference === options.reference);
    if (matching().length >= count) return Promise.resolve(matching());
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.events.off('callback', check);
        this.events.off('close', onClose);
      };
      const check = () => {
        if (matching().length < count) return;
        stop();
        resolve(matching());
      };
      const onClose = () => {
        stop();
        reject(new Error('Jumio sandbox closed while waiting for callbacks'));
      };
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(`waited ${timeoutMs} ms for ${count} callback(s), got ${matching().length}`),
        );
      }, timeoutMs);
      this.events.on('callback', check);
      this.events.on('close', onClose);
    });
  }

  close(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.events.emit('close');
  }

  private settle(record: Omit<CallbackRecord, 'settledAt'>): CallbackRecord {
    const settled: CallbackRecord = { ...record, settledAt: new Date().toISOString() };
    this.records.push(settled);
    this.events.emit('callback', settled);
    return structuredClone(settled);
  }

  private post(url: URL, body: string): Promise<number> {
    if (this.closed) return Promise.reject(new Error('sandbox closed'));
    const controller = new AbortController();
    this.inFlight.add(controller);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => controller.abort(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const request = client.request(
        url,
        {
          method: 'POST',
          agent: false,
          signal: controller.signal,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
            'User-Agent': CALLBACK_USER_AGENT,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('error', (error) =>
        reject(controller.signal.reason instanceof Error ? controller.signal.reason : error),
      );
      request.end(body);
      const finish = () => {
        clearTimeout(timer);
        this.inFlight.delete(controller);
      };
      request.on('close', finish);
    });
  }
}
