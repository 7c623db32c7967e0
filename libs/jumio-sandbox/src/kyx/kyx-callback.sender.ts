import {
  CallbackSenderCore,
  JSON_CALLBACK_BODY,
  type CallbackDelivery,
  type SentCallback,
} from '../callback/callback-delivery';
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
export interface KyxCallbackRecord extends SentCallback {
  workflowExecutionId: string;
  accountId: string;
  /** The exact JSON body. */
  body: string;
  payload: KyxCallbackBody;
  delivery: CallbackDelivery;
}

type KyxDetails = Pick<KyxCallbackRecord, 'workflowExecutionId' | 'accountId' | 'payload'>;

export interface WaitForKyxCallbacksOptions {
  workflowExecutionId?: string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/** Sends KYX callbacks as JSON POSTs, records every one, never throws at the caller. */
export class KyxCallbackSender {
  private readonly core: CallbackSenderCore<KyxCallbackBody, KyxDetails>;

  constructor(
    scenario: Scenario,
    timeoutMs: number,
    private readonly publicUrl: string,
    log: (line: string) => void,
  ) {
    this.core = new CallbackSenderCore(
      scenario,
      timeoutMs,
      log,
      JSON_CALLBACK_BODY,
      'KYX callbacks',
    );
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

  send(
    execution: KyxWorkflowExecution,
    payload: KyxCallbackBody,
    resend = false,
  ): Promise<KyxCallbackRecord> {
    const what = `KYX ${execution.id} (${payload.workflowExecution.status})`;
    return this.core.send({
      callbackUrl: execution.callbackUrl,
      payload,
      resend,
      details: () => ({
        workflowExecutionId: execution.id,
        accountId: execution.accountId,
        payload,
      }),
      subject: what,
      sentSubject: what,
    });
  }

  list(): KyxCallbackRecord[] {
    return this.core.list();
  }

  lastFor(workflowExecutionId: string): KyxCallbackRecord | undefined {
    return this.core.lastWhere((record) => record.workflowExecutionId === workflowExecutionId);
  }

  onCallback(listener: (record: KyxCallbackRecord) => void): () => void {
    return this.core.onCallback(listener);
  }

  waitFor(count: number, options: WaitForKyxCallbacksOptions = {}): Promise<KyxCallbackRecord[]> {
    return this.core.waitFor(
      count,
      (record) =>
        !options.workflowExecutionId || record.workflowExecutionId === options.workflowExecutionId,
      options.timeoutMs,
    );
  }

  close(): void {
    this.core.close();
  }
}
