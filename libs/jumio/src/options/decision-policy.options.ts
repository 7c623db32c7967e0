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

/** What the host may set (`decisionPolicy`): everything but the face-check requirement. */
export type DecisionPolicyOptions = Partial<Omit<DecisionPolicy, 'requireIdentityVerification'>>;
