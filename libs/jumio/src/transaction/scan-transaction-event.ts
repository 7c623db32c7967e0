import { EXPIRED_ERROR_CODE } from './expiry.rules';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { TransactionChanges } from './scan-transaction.rules';
import type { ScanType } from '../persistence/scan-transaction.types';
import type { VerificationDecision } from '../persistence/verification.types';

/**
 * A scan transaction's lifecycle: `started` (a new attempt), `uploaded` (the client finished the
 * capture; Jumio's result is awaited), `verified` / `rejected` / `retry` (Jumio's result, after the
 * attempt limit and proof-of-address rules, or a reviewer's decision), `review-required` (a person at the
 * bank must decide: see the review queue), `expired` (abandoned; Jumio will never report on it).
 */
export type ScanTransactionEventType =
  | 'started'
  | 'uploaded'
  | 'verified'
  | 'rejected'
  | 'retry'
  | 'review-required'
  | 'expired';

/** The onboarding step a scan type belongs to. */
export type OnboardingStepCode = 'JUMIO' | 'JUMIO_POA';

export const STEP_CODE_OF: Record<ScanType, OnboardingStepCode> = {
  POI: 'JUMIO',
  POA: 'JUMIO_POA',
};

/** What the host receives. Carries no personal data: ids, codes and Jumio's reason words only. */
export interface ScanTransactionEvent {
  /** Unique per state change; a redelivery carries the same id: use it as the idempotency key. */
  id: string;
  type: ScanTransactionEventType;
  transactionId: string;
  /** The host's own user id, as `resolveUserId` returned it. */
  userId: string;
  scanType: ScanType;
  stepCode: OnboardingStepCode;
  decision: VerificationDecision | null;
  reasons: string[];
  occurredAt: Date;
}

/** Event name under which events are also emitted on `@nestjs/event-emitter`, e.g. `jumio.scan-transaction.verified`. */
export function eventEmitterName(type: ScanTransactionEventType): string {
  return `jumio.scan-transaction.${type}`;
}

/** Which event a change of a transaction is; null for changes the host need not hear about. */
export function eventTypeForChange(
  before: ScanTransaction | null,
  changes: TransactionChanges,
): ScanTransactionEventType | null {
  if (!before) return 'started';
  switch (changes.decision) {
    case 'APPROVED':
      return 'verified';
    case 'REJECTED':
      return 'rejected';
    case 'RETRY':
      return 'retry';
    case 'REVIEW':
      return 'review-required';
    case 'PENDING':
      return changes.status === 'SUCCESS' ? 'uploaded' : null;
    default:
      return changes.errorCode === EXPIRED_ERROR_CODE && changes.openKey === null
        ? 'expired'
        : null;
  }
}
