import type { Scenario } from '../control/scenario';
import { SandboxHttpError } from '../http/http-io';
import type { KyxCallbackSender } from './kyx-callback.sender';
import type { KyxStore } from './kyx.store';
import { isKyxOutcomeOf, type KyxOutcome, type KyxWorkflowExecution } from './kyx.types';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Outcomes set ahead of time by the control, by workflow execution id or customerInternalReference. */
export type KyxOutcomeTarget =
  { workflowExecutionId: string } | { customerInternalReference: string };

/**
 * A workflow execution's life: INITIATED; the journey ends (ACQUIRED); Jumio processes for the callback
 * delay (PROCESSED, or SESSION_EXPIRED when the person gave up); an untouched link runs out with its
 * token lifetime (TOKEN_EXPIRED, or SESSION_EXPIRED once opened). Each final status sends its callback.
 */
export class KyxLifecycle {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly presetsById = new Map<string, KyxOutcome>();
  private readonly presetsByReference = new Map<string, KyxOutcome>();

  constructor(
    private readonly store: KyxStore,
    private readonly scenario: Scenario,
    private readonly callbacks: KyxCallbackSender,
    private readonly options: { abandonAfterMs?: number; log: (line: string) => void },
  ) {}

  /** A new execution waits for its journey until the token lifetime ends. */
  opened(execution: KyxWorkflowExecution): void {
    const lifetimeMs = execution.tokenExpiresAt - Date.now();
    this.schedule(execution.id, this.options.abandonAfterMs ?? lifetimeMs, () => {
      if (!execution.outcome) this.expire(execution);
    });
  }

  /** The person opened the page or the app started: the session has begun. */
  started(execution: KyxWorkflowExecution): void {
    execution.startedAt ??= new Date().toISOString();
  }

  presetOutcome(target: KyxOutcomeTarget, outcome: KyxOutcome): void {
    if ('workflowExecutionId' in target) this.presetsById.set(target.workflowExecutionId, outcome);
    else this.presetsByReference.set(target.customerInternalReference, outcome);
  }

  presetFor(execution: KyxWorkflowExecution): KyxOutcome | undefined {
    const preset =
      this.presetsById.get(execution.id) ??
      (execution.customerInternalReference !== undefined
        ? this.presetsByReference.get(execution.customerInternalReference)
        : undefined);
    return preset && isKyxOutcomeOf(execution.kind, preset) ? preset : undefined;
  }

  clearOutcomes(): void {
    this.presetsById.clear();
    this.presetsByReference.clear();
  }

  /** The journey ended; returns the effective outcome (a preset wins, a cancel stays a cancel). */
  finish(
    execution: KyxWorkflowExecution,
    journey: { chosen: KyxOutcome; channel: 'WEB' | 'SDK'; cancelled?: boolean },
  ): KyxOutcome {
    const outcome = journey.cancelled
      ? 'SESSION_EXPIRED'
      : (this.presetFor(execution) ?? journey.chosen);
    this.started(execution);
    execution.outcome = outcome;
    execution.channel = journey.channel;
    if (outcome !== 'SESSION_EXPIRED') execution.status = 'ACQUIRED';
    this.schedule(execution.id, this.scenario.callbackDelayMs, () => this.process(execution));
    return outcome;
  }

  /** Ends an unfinished journey now, as when the token or session runs out. */
  expireNow(workflowExecutionId: string): void {
    const execution = this.store.execution(workflowExecutionId);
    if (!execution || execution.deletedAt) {
      throw new SandboxHttpError(404, `unknown workflow execution ${workflowExecutionId}`);
    }
    if (execution.outcome) {
      throw new SandboxHttpError(
        409,
        `workflow execution ${workflowExecutionId} already finished its journey`,
      );
    }
    this.expire(execution);
  }

  forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private expire(execution: KyxWorkflowExecution): void {
    execution.outcome = 'SESSION_EXPIRED';
    this.settle(execution, execution.startedAt ? 'SESSION_EXPIRED' : 'TOKEN_EXPIRED');
  }

  private process(execution: KyxWorkflowExecution): void {
    this.settle(
      execution,
      execution.outcome === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'PROCESSED',
    );
  }

  private settle(execution: KyxWorkflowExecution, status: KyxWorkflowExecution['status']): void {
    this.forget(execution.id);
    if (execution.deletedAt) return;
    execution.status = status;
    execution.completedAt = new Date().toISOString();
    this.options.log(`kyx: workflow execution ${execution.id} is ${status}`);
    void this.callbacks.send(execution, this.callbacks.bodyFor(execution));
  }

  private schedule(id: string, delayMs: number, action: () => void): void {
    this.forget(id);
    const step = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (delayMs > MAX_TIMER_MS) this.schedule(id, delayMs - MAX_TIMER_MS, action);
      else action();
    }, step);
    timer.unref();
    this.timers.set(id, timer);
  }
}
