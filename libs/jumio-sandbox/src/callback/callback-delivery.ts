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

/** How a platform's callback body is written: a form (legacy) or JSON (KYX). */
export interface CallbackBodyEncoder<P> {
  contentType: string;
  encode(payload: P): string;
}

export const FORM_CALLBACK_BODY: CallbackBodyEncoder<Record<string, string>> = {
  contentType: 'application/x-www-form-urlencoded',
  encode: (fields) => new URLSearchParams(fields).toString(),
};

export const JSON_CALLBACK_BODY: CallbackBodyEncoder<unknown> = {
  contentType: 'application/json',
  encode: (payload) => JSON.stringify(payload),
};

/** What every callback record holds, whatever the platform. */
export interface SentCallback {
  sequence: number;
  url: string | null;
  /** The exact body, as sent. */
  body: string;
  /** True for a duplicate sent through the control. */
  resend: boolean;
  delivery: CallbackDelivery;
  responseStatus?: number;
  error?: string;
  settledAt: string;
}

/** One callback to send: its URL, body and what the record says of it besides the delivery. */
export interface CallbackDraft<P, D> {
  callbackUrl?: string;
  payload: P;
  resend: boolean;
  /** The record's platform fields, given the encoded body. */
  details: (body: string) => D;
  /** Names the callback in log lines when none is sent (no URL, dropped). */
  subject: string;
  /** Names the callback in log lines about its answer. */
  sentSubject: string;
}

/**
 * Sends callbacks as Jumio does, with the platform's body encoder: records every one, honours the
 * scenario's drops, times out, and never throws at the caller.
 */
export class CallbackSenderCore<P, D extends object> {
  private readonly records: (D & SentCallback)[] = [];
  private readonly events = new EventEmitter();
  private readonly inFlight = new Set<AbortController>();
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
    private readonly encoder: CallbackBodyEncoder<P>,
    /** How waits name the callbacks in their errors ("callbacks", "KYX callbacks"). */
    private readonly noun: string,
  ) {
    this.events.setMaxListeners(0);
  }

  async send(draft: CallbackDraft<P, D>): Promise<D & SentCallback> {
    const body = this.encoder.encode(draft.payload);
    const record = {
      sequence: ++this.sequence,
      ...draft.details(body),
      url: draft.callbackUrl ?? null,
      body,
      resend: draft.resend,
    };
    if (!draft.callbackUrl) {
      this.log(`callback: ${draft.subject} has no callbackUrl, no callback sent`);
      return this.settle({ ...record, delivery: 'NO_CALLBACK_URL' });
    }
    if (!draft.resend && this.scenario.takeDrop()) {
      this.log(`callback: dropped (scenario control) for ${draft.subject}`);
      return this.settle({ ...record, delivery: 'DROPPED' });
    }
    // The callback URL carries the receiver's secret token: log its origin only.
    const origin = new URL(draft.callbackUrl).origin;
    try {
      const status = await this.post(new URL(draft.callbackUrl), body);
      const delivery = status >= 200 && status < 300 ? 'DELIVERED' : 'REJECTED';
      this.log(`callback: ${draft.sentSubject} to ${origin} answered ${status}`);
      return this.settle({ ...record, delivery, responseStatus: status });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`callback: ${draft.sentSubject} to ${origin} failed: ${message}`);
      return this.settle({ ...record, delivery: 'UNREACHABLE', error: message });
    }
  }

  /** A copy of every callback record, oldest first. */
  list(): (D & SentCallback)[] {
    return structuredClone(this.records);
  }

  lastWhere(match: (record: D & SentCallback) => boolean): (D & SentCallback) | undefined {
    const found = this.records.filter(match).at(-1);
    return found && structuredClone(found);
  }

  onCallback(listener: (record: D & SentCallback) => void): () => void {
    const wrapped = (record: D & SentCallback) => listener(structuredClone(record));
    this.events.on('callback', wrapped);
    return () => this.events.off('callback', wrapped);
  }

  /** Resolves with the matching records once at least `count` of them have settled. */
  waitFor(
    count: number,
    match: (record: D & SentCallback) => boolean,
    timeoutMs = 10_000,
  ): Promise<(D & SentCallback)[]> {
    const matching = () => this.list().filter(match);
    if (matching().length >= count) return Promise.resolve(matching());
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
        reject(new Error(`Jumio sandbox closed while waiting for ${this.noun}`));
      };
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `waited ${timeoutMs} ms for ${count} ${this.noun.replace(/s$/, '(s)')}, got ${matching().length}`,
          ),
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

  private settle(record: D & Omit<SentCallback, 'settledAt'>): D & SentCallback {
    const settled: D & SentCallback = { ...record, settledAt: new Date().toISOString() };
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
            'Content-Type': this.encoder.contentType,
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
      request.on('close', () => {
        clearTimeout(timer);
        this.inFlight.delete(controller);
      });
    });
  }
}
