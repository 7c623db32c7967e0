import { SandboxHttpError } from '../http/http-io';
import type { KyxCallbackRecord, WaitForKyxCallbacksOptions } from './kyx-callback.sender';
import type { KyxContext } from './kyx-context';
import type { KyxOutcomeTarget } from './kyx-lifecycle';
import {
  isKyxOutcome,
  isKyxOutcomeOf,
  type KyxOutcome,
  type KyxWorkflowExecution,
} from './kyx.types';

/** A read-only view of a KYX workflow execution, for tests. */
export interface KyxExecutionSnapshot {
  workflowExecutionId: string;
  accountId: string;
  definitionKey: number;
  kind: KyxWorkflowExecution['kind'];
  status: KyxWorkflowExecution['status'];
  channel?: 'WEB' | 'SDK';
  customerInternalReference?: string;
  userReference?: string;
  callbackUrl?: string;
  outcome?: KyxOutcome;
  deleted: boolean;
  createdAt: string;
  completedAt?: string;
}

/**
 * Scenario control of the KYX side: outcomes, callbacks, expiry of sessions and access tokens. Callback
 * delay, drops and faults are shared with the legacy side (`sandbox.control`).
 */
export class KyxSandboxControl {
  constructor(private readonly context: KyxContext) {}

  /** Sets a workflow execution's outcome ahead of time; it wins over what the page or the SDK picks. */
  setOutcome(target: KyxOutcomeTarget, outcome: KyxOutcome): void {
    if (!isKyxOutcome(outcome))
      throw new SandboxHttpError(400, `outcome ${String(outcome)} is not a KYX sandbox outcome`);
    if ('workflowExecutionId' in target) {
      const execution = this.context.store.execution(target.workflowExecutionId);
      if (!execution || execution.deletedAt) {
        throw new SandboxHttpError(404, `unknown workflow execution ${target.workflowExecutionId}`);
      }
      if (!isKyxOutcomeOf(execution.kind, outcome)) {
        throw new SandboxHttpError(
          400,
          `outcome ${String(outcome)} does not fit a ${execution.kind} workflow`,
        );
      }
      if (execution.outcome) {
        throw new SandboxHttpError(
          409,
          `workflow execution ${execution.id} already finished its journey`,
        );
      }
    }
    this.context.lifecycle.presetOutcome(target, outcome);
  }

  clearOutcomes(): void {
    this.context.lifecycle.clearOutcomes();
  }

  /** Ends an unfinished journey now: TOKEN_EXPIRED (never opened) or SESSION_EXPIRED, with its callback. */
  expireSession(workflowExecutionId: string): void {
    this.context.lifecycle.expireNow(workflowExecutionId);
  }

  /** Every access token issued so far stops working (as after its lifetime). */
  expireAccessTokens(): void {
    this.context.oauth.expireAll();
  }

  /** Lifetime (`expires_in`) of access tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1)
      throw new SandboxHttpError(400, 'seconds must be an integer >= 1');
    this.context.oauth.lifetimeSeconds = seconds;
  }

  /** How many access tokens the token endpoint issued. */
  accessTokensIssued(): number {
    return this.context.oauth.issuedCount;
  }

  callbacks(filter: { workflowExecutionId?: string } = {}): KyxCallbackRecord[] {
    return this.context.callbacks
      .list()
      .filter(
        (record) =>
          !filter.workflowExecutionId || record.workflowExecutionId === filter.workflowExecutionId,
      );
  }

  waitForCallbacks(
    count: number,
    options?: WaitForKyxCallbacksOptions,
  ): Promise<KyxCallbackRecord[]> {
    return this.context.callbacks.waitFor(count, options);
  }

  onCallback(listener: (record: KyxCallbackRecord) => void): () => void {
    return this.context.callbacks.onCallback(listener);
  }

  /** Sends the execution's last callback again, byte for byte (a duplicate). */
  async resendCallback(workflowExecutionId: string): Promise<KyxCallbackRecord> {
    const last = this.context.callbacks.lastFor(workflowExecutionId);
    const execution = this.context.store.execution(workflowExecutionId);
    if (!last || !execution)
      throw new SandboxHttpError(404, `no callback yet for ${workflowExecutionId}`);
    return this.context.callbacks.send(execution, last.payload, true);
  }

  execution(workflowExecutionId: string): KyxExecutionSnapshot | undefined {
    const execution = this.context.store.execution(workflowExecutionId);
    return execution && snapshot(execution);
  }

  findExecutions(
    filter: { customerInternalReference?: string; accountId?: string } = {},
  ): KyxExecutionSnapshot[] {
    return this.context.store
      .allExecutions()
      .filter(
        (execution) =>
          (!filter.customerInternalReference ||
            execution.customerInternalReference === filter.customerInternalReference) &&
          (!filter.accountId || execution.accountId === filter.accountId),
      )
      .map(snapshot);
  }

  /** Whether the account exists and is not deleted. */
  accountExists(accountId: string): boolean {
    return this.context.store.liveAccount(accountId) !== undefined;
  }

  accountCount(): number {
    return this.context.store.allAccounts().length;
  }

  /** Preset outcomes cleared (the shared reset covers faults, drops and delay). */
  reset(): void {
    this.clearOutcomes();
  }
}

function snapshot(execution: KyxWorkflowExecution): KyxExecutionSnapshot {
  return {
    workflowExecutionId: execution.id,
    accountId: execution.accountId,
    definitionKey: execution.definitionKey,
    kind: execution.kind,
    status: execution.status,
    channel: execution.channel,
    customerInternalReference: execution.customerInternalReference,
    userReference: execution.userReference,
    callbackUrl: execution.callbackUrl,
    outcome: execution.outcome,
    deleted: execution.deletedAt !== undefined,
    createdAt: execution.createdAt,
    completedAt: execution.completedAt,
  };
}
