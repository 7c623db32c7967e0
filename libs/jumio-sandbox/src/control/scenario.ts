import { ResponseDelays } from './api-pacing';
import type { RouteGroup } from '../http/router';
import { SandboxRateLimiter } from './rate-limits';
import type {
  IdentityVerificationOverride,
  NetverifyResultOverrides,
  SandboxTransaction,
  ScanOutcome,
} from '../store/transaction.types';

/** Endpoint groups a fault can target; `all` covers every Jumio API group (never capture or control). */
export type FaultGroup =
  | 'initiate'
  | 'acquisitions'
  | 'sdk'
  | 'retrieval'
  | 'delete'
  /** KYX token endpoint and account create/update; KYX retrieval and delete share the groups above. */
  | 'oauth'
  | 'accounts'
  | 'all';
export const FAULT_GROUPS: readonly FaultGroup[] = [
  'initiate',
  'acquisitions',
  'sdk',
  'retrieval',
  'delete',
  'oauth',
  'accounts',
  'all',
];

/** 500 / 503: server error; 429: rate limited (with Retry-After); `hang`: never answer until close. */
export type FaultKind = 500 | 503 | 429 | 'hang';
export const FAULT_KINDS: readonly FaultKind[] = [500, 503, 429, 'hang'];

export interface FaultSpec {
  group: FaultGroup;
  kind: FaultKind;
  /** Only the next N matching calls; default: every call until cleared. */
  times?: number;
  /** Retry-After seconds on 429. Default 1. */
  retryAfterSeconds?: number;
}

/**
 * Shape of Netverify callbacks: `full` carries every field the guides list; `sample` is the shape of
 * Jumio's own published sample callbacks, without `transactionDate` and `callbackDate` (corrections #16).
 */
export type CallbackShape = 'full' | 'sample';
export const CALLBACK_SHAPES: readonly CallbackShape[] = ['full', 'sample'];

/** Whose outcome is set ahead of time: Jumio's reference, or the caller's customerInternalReference. */
export type OutcomeTarget = { reference: string } | { customerInternalReference: string };

export interface OutcomePreset extends NetverifyResultOverrides {
  outcome: ScanOutcome;
  /** Netverify APPROVED_VERIFIED only: the face-match result (default MATCH, valid); null: none sent. */
  identityVerification?: IdentityVerificationOverride | null;
}

/** Scenario state that tests steer; nothing here changes the wire format. */
export class Scenario {
  callbackDelayMs: number;
  callbackShape: CallbackShape = 'full';
  /** Jumio's rate limits (documented and per group), enforced only when the control turns them on. */
  readonly rateLimits = new SandboxRateLimiter();
  /** Response delays of the Jumio API groups. */
  readonly responseDelays = new ResponseDelays();
  private faults: FaultSpec[] = [];
  private dropsLeft: number | 'all' = 0;
  private readonly presetsByReference = new Map<string, OutcomePreset>();
  private readonly presetsByCustomerReference = new Map<string, OutcomePreset>();

  constructor(private readonly defaultCallbackDelayMs: number) {
    this.callbackDelayMs = defaultCallbackDelayMs;
  }

  addFault(fault: FaultSpec): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The fault that applies to this call, consuming one use of a limited fault. */
  takeFault(group: RouteGroup): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) => candidate.group === group || candidate.group === 'all',
    );
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }

  /** Drop the next `count` callbacks, or all of them; 0 delivers again. */
  dropCallbacks(count: number | 'all'): void {
    this.dropsLeft = count;
  }

  /** Whether the callback about to be sent is dropped, consuming one drop. */
  takeDrop(): boolean {
    if (this.dropsLeft === 'all') return true;
    if (this.dropsLeft <= 0) return false;
    this.dropsLeft -= 1;
    return true;
  }

  presetOutcome(target: OutcomeTarget, preset: OutcomePreset): void {
    if ('reference' in target) this.presetsByReference.set(target.reference, preset);
    else this.presetsByCustomerReference.set(target.customerInternalReference, preset);
  }

  presetFor(transaction: SandboxTransaction): OutcomePreset | undefined {
    return (
      this.presetsByReference.get(transaction.reference) ??
      this.presetsByCustomerReference.get(transaction.customerInternalReference)
    );
  }

  clearOutcomes(): void {
    this.presetsByReference.clear();
    this.presetsByCustomerReference.clear();
  }

  reset(): void {
    this.clearFaults();
    this.clearOutcomes();
    this.dropsLeft = 0;
    this.callbackDelayMs = this.defaultCallbackDelayMs;
    this.callbackShape = 'full';
    this.rateLimits.reset();
    this.responseDelays.reset();
  }
}
