import type { ProofOfAddressRules } from '../options/proof-of-address-rules';

export const DEFAULT_POA_RULES: Readonly<ProofOfAddressRules> = Object.freeze({
  acceptedDocumentTypes: ['BS', 'UB', 'CCS'],
  maxDocumentAgeDays: 90,
  requireNameMatch: true,
  requireAddress: true,
});

/**
 * The DV request types Jumio extracts data from (IG23 callback.md "Supported documents for data
 * extraction"; OTHER only appears in answers). Other types come back DISCARDED unless Jumio extends the
 * extraction for the account.
 */
export const JUMIO_EXTRACTED_DOCUMENT_TYPES: readonly string[] = [
  'BS',
  'UB',
  'CCS',
  'CC',
  'SSC',
  'BC',
];

/** Accepted types outside Jumio's extraction table: worth a warning at start-up, never an error. */
export function typesJumioMayNotExtract(rules: ProofOfAddressRules): string[] {
  return rules.acceptedDocumentTypes.filter(
    (type) => !JUMIO_EXTRACTED_DOCUMENT_TYPES.includes(type),
  );
}

/** The defaults with the host's (validated) overrides, document type codes normalised. */
export function resolvePoaRules(overrides: Partial<ProofOfAddressRules> = {}): ProofOfAddressRules {
  return {
    ...DEFAULT_POA_RULES,
    ...definedOnly(overrides),
    acceptedDocumentTypes: (
      overrides.acceptedDocumentTypes ?? DEFAULT_POA_RULES.acceptedDocumentTypes
    ).map((code) => code.trim().toUpperCase()),
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
