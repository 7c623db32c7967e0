import { parseReasons } from '../transaction/scan-transaction.rules';
import type { StatusFields } from '../persistence/latest-status.query';
import type { ScanChannel, ScanStatus, ScanType } from '../persistence/scan-transaction.types';
import type { VerificationDecision } from '../persistence/verification.types';
import type { ExtractedData } from '../options/extracted-data';

/** Jumio's background result for the current transaction. */
export class VerificationResponse {
  /** PENDING while Jumio checks; RETRY: start again; APPROVED / REJECTED are final. */
  decision: VerificationDecision;
  /** Jumio's status word, e.g. APPROVED_VERIFIED, ERROR_NOT_READABLE_ID, EXTRACTED. */
  jumioStatus: string | null;
  /** Machine-readable reasons, e.g. DENIED_FRAUD, MAX_ATTEMPTS_REACHED. */
  reasons: string[];
  /** When the result arrived (ISO 8601). */
  completedAt: string | null;
  /**
   * What Jumio read from the user's own document, limited to the `userVisibleExtractedFields` option. Present
   * only when that option lists fields and the decision is final; null once retention purged the data.
   */
  extracted?: Partial<ExtractedData> | null;
}

/** The state of one step (POI or POA) for the current user. */
export class ScanTransactionStatusResponse {
  type: ScanType;
  /** NOT_STARTED_YET: start one. PENDING: resume or restart. SUCCESS: continue the parent flow. */
  status: ScanStatus;
  transactionId: string | null;
  channel: ScanChannel | null;
  /** Jumio's reference, once known. */
  scanReference: string | null;
  /** Attempts used, counting the current one (0 before the first start). */
  attempts: number;
  verification: VerificationResponse | null;
  /** When the current transaction last changed (ISO 8601); null before the first start. */
  updatedAt: string | null;
}

/** Maps the step's newest transaction (or none) to what clients see. */
export function toStatusResponse(
  type: ScanType,
  tx: StatusFields | null,
): ScanTransactionStatusResponse {
  if (!tx) {
    return {
      type,
      status: 'NOT_STARTED_YET',
      transactionId: null,
      channel: null,
      scanReference: null,
      attempts: 0,
      verification: null,
      updatedAt: null,
    };
  }
  return {
    type,
    status: tx.status,
    transactionId: tx.id,
    channel: tx.channel,
    scanReference: tx.jumioReference,
    attempts: tx.attempt,
    verification: tx.decision
      ? {
          decision: tx.decision,
          jumioStatus: tx.jumioStatus,
          reasons: parseReasons(tx.reasons),
          completedAt: tx.completedAt?.toISOString() ?? null,
        }
      : null,
    updatedAt: tx.updatedAt.toISOString(),
  };
}
