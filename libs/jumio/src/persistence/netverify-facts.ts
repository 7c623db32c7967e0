/*
 * What Jumio's legacy Netverify said about an ID, carried beside a JumioResult (verification.types.ts) so
 * that the host's decision policy decides (results/result-applier.ts). In memory only, never stored.
 * Shapes of jumio-api.md §5.5; jumio/legacy reads them from callbacks and retrievals.
 */

/** What a Netverify callback or retrieval says, already JSON-decoded. */
export interface NetverifyFacts {
  verificationStatus: string;
  /** Callback only: SUCCESS exactly when APPROVED_VERIFIED. */
  idScanStatus?: string;
  rejectReason?: JumioRejectReason;
  identityVerification?: JumioIdentityVerification;
  /** Retrieval (`verification.additionalChecks`): watchlist screening, 1:n face search, address checks. */
  additionalChecks?: unknown;
  /** The extracted expiry date of the ID (`idExpiry` / `expiry`), when Jumio read one. */
  expiryDate?: string;
}

export interface JumioRejectReasonDetail {
  detailsCode?: string | number;
  detailsDescription?: string;
}

/** §5.5. `rejectReasonDetails` is one object or an array. */
export interface JumioRejectReason {
  rejectReasonCode?: string | number;
  rejectReasonDescription?: string;
  rejectReasonDetails?: JumioRejectReasonDetail | JumioRejectReasonDetail[];
}

/** §5.5. `validity` arrives as a boolean in callbacks and as a string in retrieval. */
export interface JumioIdentityVerification {
  similarity?: string;
  validity?: boolean | string;
  reason?: string;
}
