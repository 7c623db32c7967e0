import { JUMIO_DEFAULTS } from '../options/jumio.options';

/** Closed without anything checked (like legacy NO_ID_UPLOADED): RETRY that should not use up an attempt. */
export const KYX_UNCOUNTED_RETRY_STATUSES: readonly string[] = ['SESSION_EXPIRED', 'TOKEN_EXPIRED'];

/**
 * The decision table's settings a bank may legitimately choose differently (module option
 * `decisionPolicy`). Every other row of the table is fixed: see docs/decisions.md. No setting can make
 * anything APPROVED that the fixed rows do not approve.
 */
export interface DecisionPolicy {
  /**
   * APPROVED needs Jumio's face check (`identityVerification` with similarity MATCH and validity TRUE).
   * Not an option: follows `workflowId` (2xx takes a selfie: required; 1xx is ID only).
   */
  requireIdentityVerification: boolean;
  /** `DENIED_UNSUPPORTED_ID_TYPE`: the user can use another document. Default RETRY. */
  unsupportedIdType: 'RETRY' | 'REVIEW' | 'REJECTED';
  /** `DENIED_UNSUPPORTED_ID_COUNTRY`: the user can use a document of another country. Default RETRY. */
  unsupportedIdCountry: 'RETRY' | 'REVIEW' | 'REJECTED';
  /** The extracted expiry date lies before today. Default RETRY (a valid document fixes it). */
  expiredId: 'RETRY' | 'REVIEW' | 'REJECTED';
  /** A hit of an `additionalChecks` entry (watchlist screening, 1:n face search, address validation). Default REVIEW. */
  additionalChecksHit: 'REVIEW' | 'REJECTED';
  /** Proof of address readable but the name does not match, or name / address not extracted. Default REVIEW. */
  poaDoubtful: 'REVIEW' | 'RETRY';
  /** A retryable result on the last allowed attempt (`maxAttempts`). Default REVIEW. */
  lastAttempt: 'REVIEW' | 'REJECTED';
}

/** What a machine decides; PENDING only while Jumio has not finished. */
export type TableDecision = 'APPROVED' | 'REJECTED' | 'RETRY' | 'REVIEW' | 'PENDING';

/** Most severe first: when several rows apply, the most severe decides and every reason is kept. */
const SEVERITY: readonly TableDecision[] = ['REJECTED', 'REVIEW', 'PENDING', 'RETRY', 'APPROVED'];

export function mostSevere(decisions: readonly TableDecision[]): TableDecision {
  return SEVERITY.find((decision) => decisions.includes(decision)) ?? 'APPROVED';
}

/**
 * Jumio status words whose RETRY closes the attempt without counting it against `maxAttempts`: the user
 * abandoned the capture (Netverify `NO_ID_UPLOADED`, Document Verification transaction `FAILED`: not
 * finished within 15 minutes; KYX `SESSION_EXPIRED` / `TOKEN_EXPIRED`). Nothing was checked, so nothing
 * was used up.
 */
export const UNCOUNTED_RETRY_STATUSES: readonly string[] = [
  'NO_ID_UPLOADED',
  'FAILED',
  ...KYX_UNCOUNTED_RETRY_STATUSES,
];

export function countsAsAttempt(jumioStatus: string | null): boolean {
  return jumioStatus === null || !UNCOUNTED_RETRY_STATUSES.includes(jumioStatus);
}

/** Whether a Netverify workflow takes a selfie: 200/201/202 (ID + Identity); 100/101/102 are ID only. */
export function workflowTakesSelfie(workflowId: number): boolean {
  return workflowId >= 200 && workflowId < 300;
}

/** What the host may set (`decisionPolicy`): everything but the face-check requirement. */
export type DecisionPolicyOptions = Partial<Omit<DecisionPolicy, 'requireIdentityVerification'>>;

/** The decisions each configurable row may take (the start-up validator names them). */
export const DECISION_POLICY_CHOICES: Record<keyof DecisionPolicyOptions, readonly string[]> = {
  unsupportedIdType: ['RETRY', 'REVIEW', 'REJECTED'],
  unsupportedIdCountry: ['RETRY', 'REVIEW', 'REJECTED'],
  expiredId: ['RETRY', 'REVIEW', 'REJECTED'],
  additionalChecksHit: ['REVIEW', 'REJECTED'],
  poaDoubtful: ['REVIEW', 'RETRY'],
  lastAttempt: ['REVIEW', 'REJECTED'],
};

export const DEFAULT_DECISION_POLICY: Readonly<DecisionPolicy> = Object.freeze({
  requireIdentityVerification: workflowTakesSelfie(JUMIO_DEFAULTS.workflowId),
  unsupportedIdType: 'RETRY',
  unsupportedIdCountry: 'RETRY',
  expiredId: 'RETRY',
  additionalChecksHit: 'REVIEW',
  poaDoubtful: 'REVIEW',
  lastAttempt: 'REVIEW',
});

/** The defaults with the host's (validated) overrides; the face check follows the workflow. */
export function resolveDecisionPolicy(
  overrides: DecisionPolicyOptions = {},
  workflowId: number = JUMIO_DEFAULTS.workflowId,
): DecisionPolicy {
  const chosen = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return {
    ...DEFAULT_DECISION_POLICY,
    ...(Object.fromEntries(chosen) as DecisionPolicyOptions),
    requireIdentityVerification: workflowTakesSelfie(workflowId),
  };
}
