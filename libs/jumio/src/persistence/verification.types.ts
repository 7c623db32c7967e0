import type { NetverifyFacts } from './netverify-facts';
import type { ExtractedData } from '../options/extracted-data';

/** Jumio's background result, normalised from a callback or the Retrieval API. */
/** REVIEW: a person at the bank decides (the manual review queue). */
export type VerificationDecision = 'PENDING' | 'APPROVED' | 'REJECTED' | 'RETRY' | 'REVIEW';

export type JumioProduct = 'NETVERIFY' | 'DOCUMENT';

/** A result as Jumio reported it, before attempt limits are applied. */
export interface JumioResult {
  product: JumioProduct;
  /** Jumio's reference: NV `jumioIdScanReference` / `scanReference`, DV `scanReference`. */
  jumioReference: string;
  /** Our `customerInternalReference` (NV `merchantIdScanReference`, DV `merchantScanReference`), if present. */
  customerInternalReference?: string;
  /** Our `userReference` (callback `customerId`), if present. */
  userReference?: string;
  /** Jumio's status word: NV `verificationStatus`, DV `document.status` or `transaction.status`. */
  jumioStatus: string;
  /** Decision before the attempt limit: RETRY may become REVIEW (or REJECTED) on the last attempt. */
  decision: VerificationDecision;
  /** Machine-readable reasons, e.g. `DENIED_FRAUD`, `REJECT_REASON_107_PHOTO_MISMATCH`, `SIMILARITY_NO_MATCH`. */
  reasons: string[];
  extracted: ExtractedData | null;
  /** When Jumio produced the result (callbackDate / timestamp), if it said. */
  reportedAt: Date | null;
  /**
   * Netverify: what Jumio said, so that the host's `decisionPolicy` decides (ScanTransactionService);
   * `decision` above is the default table's. In memory only, never stored.
   */
  netverifyFacts?: NetverifyFacts;
}
