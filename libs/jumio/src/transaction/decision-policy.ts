import type { DecisionPolicy, DecisionPolicyOptions } from '../options/decision-policy.options';
import { JUMIO_DEFAULTS } from '../options/jumio.options';

/** Closed without anything checked (like legacy NO_ID_UPLOADED): RETRY that should not use up an attempt. */
export const KYX_UNCOUNTED_RETRY_STATUSES: readonly string[] = ['SESSION_EXPIRED', 'TOKEN_EXPIRED'];

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
