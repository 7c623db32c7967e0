import { Injectable } from '@nestjs/common';
import { parseReasons } from '../transaction/scan-transaction.rules';
import { ScanTransactionStore } from './scan-transaction.store';
import type { ScanType } from '../persistence/scan-transaction.types';
import type { VerificationDecision } from '../persistence/verification.types';
import type { OnboardingStepCode } from '../transaction/scan-transaction-event';

/**
 * SATISFIED: Jumio's result approves the step. PENDING: the upload is done and the result is awaited,
 * from Jumio or from the bank's manual review (nothing for the user to do). NEEDS_USER: the user must start, finish or retry a capture.
 * REJECTED: final; the user cannot retry (fraud, unsupported document, or the attempt limit).
 */
export type OnboardingStepState = 'SATISFIED' | 'PENDING' | 'NEEDS_USER' | 'REJECTED';

export interface OnboardingStepStatus {
  state: OnboardingStepState;
  /** The transaction that decides the state, if any. */
  transactionId: string | null;
  decision: VerificationDecision | null;
  /** Machine-readable reasons of the last result (e.g. `POA_DOCUMENT_TOO_OLD`, `MAX_ATTEMPTS_REACHED`). */
  reasons: string[];
}

const SCAN_TYPE_OF: Record<OnboardingStepCode, ScanType> = { JUMIO: 'POI', JUMIO_POA: 'POA' };

/** The onboarding integration in one call: where a user stands on the `JUMIO` or `JUMIO_POA` step. */
@Injectable()
export class OnboardingStepService {
  constructor(private readonly store: ScanTransactionStore) {}

  async getStepState(userId: string, stepCode: OnboardingStepCode): Promise<OnboardingStepStatus> {
    const scanType = SCAN_TYPE_OF[stepCode];
    if (!scanType) throw new Error(`Unknown Jumio step code: ${String(stepCode)}`);
    const tx = await this.store.latest(userId, scanType);
    if (!tx) return { state: 'NEEDS_USER', transactionId: null, decision: null, reasons: [] };
    const decided = {
      transactionId: tx.id,
      decision: tx.decision,
      reasons: parseReasons(tx.reasons),
    };
    switch (tx.decision) {
      case 'APPROVED':
        return { state: 'SATISFIED', ...decided };
      case 'REJECTED':
        return { state: 'REJECTED', ...decided };
      case 'PENDING':
      case 'REVIEW':
        // A person at the bank decides: nothing for the user to do.
        return { state: 'PENDING', ...decided };
      default:
        // No decision (capture not finished, ended, expired) or RETRY: the user has to act.
        return { state: 'NEEDS_USER', ...decided };
    }
  }
}
