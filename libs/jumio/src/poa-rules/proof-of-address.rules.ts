/**
 * What counts as proof of address, written so a compliance officer can read and change it
 * (module option `poaRules`). Jumio's Document Verification only extracts data; this decides.
 */
export interface ProofOfAddressRules {
  /**
   * Jumio DV document type codes accepted (jumio-api.md §4.3). The default keeps documents issued by an
   * independent organisation to the person at their home address, dated, for which Jumio extracts name,
   * issue date and address: BS bank statement, UB utility bill, CCS credit card statement, PB phone bill,
   * CB council bill, TR tax return, LAG lease agreement. Left out on purpose: cards (CC, IC, HCC, MEDC,
   * STUC, SENC, SSC, TAC: no address or no date), applications the applicant writes themselves (CAAP,
   * LOAP, MOAP), and documents that are not about where a person lives (BC, VT, VC, CRC, WWCC, SEL, SS,
   * OTHER, CUSTOM).
   */
  acceptedDocumentTypes: string[];
  /** The issue date may be at most this many days old. `null`: the issue date is not checked. */
  maxDocumentAgeDays: number | null;
  /** The name on the document must match the name on the user's approved proof of identity. */
  requireNameMatch: boolean;
  /** Jumio must have extracted an address from the document. */
  requireAddress: boolean;
}

export const DEFAULT_POA_RULES: Readonly<ProofOfAddressRules> = Object.freeze({
  acceptedDocumentTypes: ['BS', 'UB', 'CCS', 'PB', 'CB', 'TR', 'LAG'],
  maxDocumentAgeDays: 90,
  requireNameMatch: true,
  requireAddress: true,
});

/** The defaults with the host's overrides; fails at start-up on values that cannot be meant. */
export function resolvePoaRules(overrides: Partial<ProofOfAddressRules> = {}): ProofOfAddressRules {
  const rules: ProofOfAddressRules = {
    ...DEFAULT_POA_RULES,
    ...overrides,
    acceptedDocumentTypes: (
      overrides.acceptedDocumentTypes ?? DEFAULT_POA_RULES.acceptedDocumentTypes
    ).map((code) => code.trim().toUpperCase()),
  };
  if (rules.acceptedDocumentTypes.length === 0) {
    throw new Error('JumioModule: poaRules.acceptedDocumentTypes must name at least one type');
  }
  const age = rules.maxDocumentAgeDays;
  if (age !== null && (!Number.isInteger(age) || age < 1)) {
    throw new Error('JumioModule: poaRules.maxDocumentAgeDays must be a positive integer or null');
  }
  return rules;
}
