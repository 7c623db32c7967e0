import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { CALLBACK_USER_AGENT, type CallbackDelivery } from '../callback/callback-sender';
import type { Scenario } from '../control/scenario';
import { executionPath } from './kyx-details';
import type { KyxWorkflowExecution } from './kyx.types';

/** The JSON body of a KYX callback (jumio-kyx.md §2.6): no personal data. */
export interface KyxCallbackBody {
  callbackSentAt: string;
  userReference?: string;
  workflowExecution: { id: string; href: string; definitionKey: string; status: string };
  account: { id: string; href: string };
}

/** One KYX callback that the sandbox sent, or would have sent. */
export interface KyxCallbackRecord {
  sequence: number;
  workflowExecutionId: string;
  accountId: string;
  url: string | null;
  /** The exact JSON body. */
  body: string;
  payload: KyxCallbackBody;
  resend: boolean;
  delivery: CallbackDelivery;
  responseStatus?: number;
  error?: string;
  settledAt: string;
}

export interface WaitForKyxCallbacksOptions {
  workflowExecutionId?: string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/** Sends KYX callbacks as JSON POSTs, records every one, never throws at the caller. */
export class KyxCallbackSender {
  private readonly records: KyxCallbackRecord[] = [];
  private readonly events = new EventEmitter();
  private readonly inFlight = new Set<AbortController>();
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly timeoutMs: number,
    private readonly publicUrl: string,
    private readonly log: (line: string) => void,
  ) {
    this.events.setMaxListeners(0);
  }

  /** The callback for the execution's current status. */
  bodyFor(execution: KyxWorkflowExecution): KyxCallbackBody {
    return {
      callbackSentAt: new Date().toISOString(),
      ...(execution.userReference !== undefined && { userReference: execution.userReference }),
      workflowExecution: {
        id: execution.id,
        href: `${this.publicUrl}${executionPath(execution)}`,
        definitionKey: String(execution.definitionKey),
        status: execution.status,
      },
      account: {
        id: execution.accountId,
        href: `${this.publicUrl}/api/v1/accounts/${execution.accountId}`,
      },
    };
  }

  async send(
    execution: KyxWorkflowExecution,
    payload: KyxCallbackBody,
    resend = false,
  ): Promise<KyxCallbackRecord> {
    const body = JSON.stringify(payload);
    const record = {
      sequence: ++this.sequence,
      workflowExecutionId: execution.id,
      accountId: execution.accountId,
      url: execution.callbackUrl ?? null,
      body,
      payload,
      resend,
    };
    const what = `KYX ${execution.id} (${payload.workflowExecution.status})`;
    if (!execution.callbackUrl) {
      this.log(`callback: ${what} has no callbackUrl, no callback sent`);
      return this.settle({ ...record, delivery: 'NO_CALLBACK_URL' });
    }
    if (!resend && this.scenario.takeDrop()) {
      this.log(`callback: dropped (scenario control) for ${what}`);
      return this.settle({ ...record, delivery: 'DROPPED' });
    }
    // The callback URL carries the receiver's secret token: log its origin only.
    const origin = new URL(execution.callbackUrl).origin;
    try {
      const status = await this.post(new URL(execution.callbackUrl), body);
      const delivery = status >= 200 && status < 300 ? 'DELIVERED' : 'REJECTED';
      this.log(`callback: ${what} to ${origin} answered ${status}`);
      return this.settle({ ...record, delivery, responseStatus: status });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`callback: ${what} to ${origin} failed: ${message}`);
      return this.settle({ ...record, delivery: 'UNREACHABLE', error: message });
    }
  }

  list(): KyxCallbackRecord[] {
    return structuredClone(this.records);
  }

  lastFor(workflowExecutionId: string): KyxCallbackRecord | undefined {
    const found = this.records
      .filter((record) => record.workflowExecutionId === workflowExecutionId)
      .at(-1);
    return found && structuredClone(found);
  }

  onCallback(listener: (record: KyxCallbackRecord) => void): () => void {
    const wrapped = (record: KyxCallbackRecord) => listener(structuredClone(record));
    this.events.on('callback', wrapped);
    return () => this.events.off('callback', wrapped);
  }

  waitFor(count: number, options: WaitForKyxCallbacksOptions = {}): Promise<KyxCallbackRecord[]> {
    const matching = () =>
      this.list().filter(
        (record) =>
          !options.workflowExecutionId ||
          record.workflowExecutionId === options.workflowExecutionId,
      );
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
        reject(new Error('Jumio sandbox closed while waiting for KYX callbacks'));
      };
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `waited ${timeoutMs} ms for ${count} KYX callback(s), got ${matching().length}`,
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

  private settle(record: Omit<KyxCallbackRecord, 'settledAt'>): KyxCallbackRecord {
    const settled: KyxCallbackRecord = { ...record, settledAt: new Date().toISOString() };
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
            'Content-Type': 'application/json',
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
