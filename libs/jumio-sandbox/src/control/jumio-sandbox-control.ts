import type { CallbackRecord, WaitForCallbacksOptions } from '../callback/callback-sender';
import { SandboxHttpError } from '../http/http-io';
import { fitsProduct } from '../scan/scan-lifecycle';
import type { SandboxContext } from '../sandbox-context';
import {
  isDocumentOutcome,
  isNetverifyOutcome,
  type NetverifyResultOverrides,
  type SandboxTransaction,
  type ScanOutcome,
  type TransactionStatus,
} from '../store/transaction.types';
import type { RateLimitSpec, SandboxRateLimits } from './rate-limits';
import {
  CALLBACK_SHAPES,
  FAULT_GROUPS,
  FAULT_KINDS,
  type CallbackShape,
  type FaultGroup,
  type FaultSpec,
  type OutcomeTarget,
} from './scenario';

/** Jumio's published limits for Netverify customers created after March 2024 (jumio-api.md §12). */
export const JUMIO_DEFAULT_RATE_LIMITS: readonly RateLimitSpec[] = [
  { group: 'initiate', requests: 5, perSeconds: 5 },
  { group: 'retrieval', requests: 75, perSeconds: 5 },
];

/** A read-only view of a sandbox transaction, for tests. */
export interface TransactionSnapshot {
  reference: string;
  product: 'NETVERIFY' | 'DOCUMENT';
  channel: 'WEB' | 'SDK';
  status: TransactionStatus;
  customerInternalReference: string;
  userReference: string;
  /** The journey's outcome once it ended (page submitted, SDK finished, abandoned). */
  outcome?: ScanOutcome;
  abandoned: boolean;
  deleted: boolean;
  createdAt: string;
  completedAt?: string;
  callbackUrl?: string;
}

/**
 * Deterministic scenario control for tests. Nothing here changes what the Jumio endpoints send; it only
 * decides outcomes, timing and failures. The same operations exist over HTTP under /sandbox/control/.
 */
export class JumioSandboxControl {
  constructor(private readonly context: SandboxContext) {}

  /**
   * Sets a transaction's outcome ahead of time, by Jumio reference or by customerInternalReference
   * (NV customerInternalReference / DV merchantScanReference). It wins over what the capture page or
   * the SDK request picks (a cancel stays a cancel).
   */
  setOutcome(
    target: OutcomeTarget,
    outcome: ScanOutcome,
    options: NetverifyResultOverrides = {},
  ): void {
    if (!isNetverifyOutcome(outcome) && !isDocumentOutcome(outcome)) {
      throw new SandboxHttpError(400, `outcome ${String(outcome)} is not a sandbox outcome`);
    }
    if ('reference' in target) {
      const transaction = this.context.store.getLive(target.reference);
      if (!transaction) throw new SandboxHttpError(404, `unknown transaction ${target.reference}`);
      if (!fitsProduct(transaction, outcome)) {
        throw new SandboxHttpError(
          400,
          `outcome ${outcome} does not fit a ${transaction.product} scan`,
        );
      }
      if (transaction.outcome) {
        throw new SandboxHttpError(
          409,
          `transaction ${target.reference} already finished its journey`,
        );
      }
    }
    if (options.idExpiry !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.idExpiry)) {
      throw new SandboxHttpError(400, 'idExpiry must be a date YYYY-MM-DD');
    }
    this.context.scenario.presetOutcome(target, { outcome, ...options });
  }

  clearOutcomes(): void {
    this.context.scenario.clearOutcomes();
  }

  /** Time between the end of a journey and the result (callback, retrieval DONE/FAILED). */
  setCallbackDelay(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0)
      throw new SandboxHttpError(400, 'ms must be an integer >= 0');
    this.context.scenario.callbackDelayMs = ms;
  }

  /** `sample`: Netverify callbacks in the shape of Jumio's published samples (no date fields). */
  setCallbackShape(shape: CallbackShape): void {
    if (!CALLBACK_SHAPES.includes(shape)) {
      throw new SandboxHttpError(400, `shape must be one of ${CALLBACK_SHAPES.join(', ')}`);
    }
    this.context.scenario.callbackShape = shape;
  }

  /**
   * Enforces Jumio's rate limits (default the documented ones for new legacy accounts: 5 initiate /
   * acquisition and 75 retrieval requests per 5 s, sliding window): beyond them, 429 as Jumio answers it.
   */
  enforceRateLimits(limits: SandboxRateLimits = {}): void {
    for (const [name, value] of Object.entries(limits)) {
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
        throw new SandboxHttpError(400, `${name} must be an integer >= 1`);
      }
    }
    this.context.scenario.rateLimits.enable(limits);
  }

  stopRateLimits(): void {
    this.context.scenario.rateLimits.disable();
  }

  /** How many requests the rate limits answered 429 since the sandbox started. */
  rateLimitRefusals(): number {
    return this.context.scenario.rateLimits.refusedCount;
  }

  /** Makes an endpoint group answer 500/503/429 or hang, for every call or the next `times` calls. */
  setFault(fault: FaultSpec): void {
    if (!FAULT_GROUPS.includes(fault.group)) {
      throw new SandboxHttpError(400, `group must be one of ${FAULT_GROUPS.join(', ')}`);
    }
    if (!FAULT_KINDS.includes(fault.kind)) {
      throw new SandboxHttpError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
    }
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
      throw new SandboxHttpError(400, 'times must be an integer >= 1');
    }
    this.context.scenario.addFault(fault);
  }

  clearFaults(): void {
    this.context.scenario.clearFaults();
  }

  /** Every answer of an endpoint group (or `all`) takes `ms` longer, as Jumio's do; 0 removes the delay. */
  setResponseDelay(group: FaultGroup, ms: number): void {
    if (!FAULT_GROUPS.includes(group)) {
      throw new SandboxHttpError(400, `group must be one of ${FAULT_GROUPS.join(', ')}`);
    }
    if (!Number.isInteger(ms) || ms < 0 || ms > 60_000)
      throw new SandboxHttpError(400, 'ms must be an integer from 0 to 60000');
    this.context.scenario.responseDelays.set(group, ms);
  }

  /**
   * Jumio's rate limit on an endpoint group (or `all`): at most `requests` calls in any `perSeconds`
   * window, 429 beyond. Jumio's defaults for Netverify customers since March 2024: initiate 5 / 5 s,
   * retrieval 75 / 5 s (`JUMIO_DEFAULT_RATE_LIMITS`).
   */
  setRateLimit(limit: RateLimitSpec): void {
    if (!FAULT_GROUPS.includes(limit.group)) {
      throw new SandboxHttpError(400, `group must be one of ${FAULT_GROUPS.join(', ')}`);
    }
    if (!Number.isInteger(limit.requests) || limit.requests < 1)
      throw new SandboxHttpError(400, 'requests must be an integer >= 1');
    if (!Number.isInteger(limit.perSeconds) || limit.perSeconds < 1)
      throw new SandboxHttpError(400, 'perSeconds must be an integer >= 1');
    this.context.scenario.rateLimits.setGroupLimit(limit);
  }

  clearRateLimits(): void {
    this.context.scenario.rateLimits.clearGroupLimits();
  }

  /** Drops the next `count` callbacks (recorded as DROPPED, never sent), or all; 0 stops dropping. */
  dropCallbacks(count: number | 'all'): void {
    if (count !== 'all' && (!Number.isInteger(count) || count < 0)) {
      throw new SandboxHttpError(400, "count must be an integer >= 0 or 'all'");
    }
    this.context.scenario.dropCallbacks(count);
  }

  /** Sends the transaction's last callback again, byte for byte (a duplicate). */
  async resendCallback(reference: string): Promise<CallbackRecord> {
    const last = this.context.callbacks.lastFor(reference);
    const transaction = this.context.store.get(reference);
    if (!last || !transaction) throw new SandboxHttpError(404, `no callback yet for ${reference}`);
    return this.context.callbacks.send(transaction, last.fields, true);
  }

  /** Abandons a web journey now, as if its token lifetime ended: NO_ID_UPLOADED / FAILED callback. */
  abandonNow(reference: string): void {
    this.context.lifecycle.abandonNow(reference);
  }

  /** Every callback settled so far (sent, failed, dropped, or without URL), oldest first. */
  callbacks(filter: { reference?: string } = {}): CallbackRecord[] {
    return this.context.callbacks
      .list()
      .filter((record) => !filter.reference || record.reference === filter.reference);
  }

  /** Resolves once at least `count` callbacks (optionally for one reference) have settled. */
  waitForCallbacks(count: number, options?: WaitForCallbacksOptions): Promise<CallbackRecord[]> {
    return this.context.callbacks.waitFor(count, options);
  }

  /** Calls `listener` for each settled callback; returns the unsubscribe function. */
  onCallback(listener: (record: CallbackRecord) => void): () => void {
    return this.context.callbacks.onCallback(listener);
  }

  transaction(reference: string): TransactionSnapshot | undefined {
    const transaction = this.context.store.get(reference);
    return transaction && snapshot(transaction);
  }

  findTransactions(filter: { customerInternalReference?: string } = {}): TransactionSnapshot[] {
    return this.context.store
      .all()
      .filter(
        (transaction) =>
          !filter.customerInternalReference ||
          transaction.customerInternalReference === filter.customerInternalReference,
      )
      .map(snapshot);
  }

  /** Back to defaults: no faults, drops, preset outcomes, delays or rate limits. Keeps transactions. */
  reset(): void {
    this.context.scenario.reset();
  }
}

function snapshot(transaction: SandboxTransaction): TransactionSnapshot {
  return {
    reference: transaction.reference,
    product: transaction.product,
    channel: transaction.channel,
    status: transaction.status,
    customerInternalReference: transaction.customerInternalReference,
    userReference: transaction.userReference,
    outcome: transaction.outcome,
    abandoned: transaction.abandoned ?? false,
    deleted: transaction.deletedAt !== undefined,
    createdAt: transaction.createdAt,
    completedAt: transaction.completedAt,
    callbackUrl: transaction.callbackUrl,
  };
}
