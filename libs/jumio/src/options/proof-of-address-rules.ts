/**
 * What counts as proof of address, written so a compliance officer can read and change it
 * (module option `poaRules`). Jumio's Document Verification only extracts data; this decides.
 */
export interface ProofOfAddressRules {
  /**
   * Jumio DV document type codes accepted (jumio-api.md §4.3); any other type is refused with 400 at the
   * start, before Jumio is paid. Every rule below needs what Jumio extracted, and Jumio extracts only BS,
   * UB, CCS, CC, SSC, BC (and OTHER in answers); any other type comes back DISCARDED, which could only ever
   * be retried until the attempts run out (corrections #13). The default is the extractable types that
   * prove an address: BS bank statement, UB utility bill, CCS credit card statement. Left out of the
   * extractable ones on purpose: CC credit card and SSC social security card (no address, no issue date:
   * they can never pass `requireAddress` / `maxDocumentAgeDays`), BC birth certificate (not about where a
   * person lives now; extraction marked optional by Jumio), OTHER (not a type a request can ask for).
   * Tenants whose Jumio account extracts more (PB phone bill, CB council bill, TR tax return, LAG lease
   * agreement, ...) add them here once Jumio confirms it; extraction must be activated on the account.
   */
  acceptedDocumentTypes: string[];
  /** The issue date may be at most this many days old. `null`: the issue date is not checked. */
  maxDocumentAgeDays: number | null;
  /** The name on the document must match the name on the user's approved proof of identity. */
  requireNameMatch: boolean;
  /** Jumio must have extracted an address from the document. */
  requireAddress: boolean;
}
