/**
 * Document Verification type codes a proof-of-address start may ask for (jumio-api.md §4.3). Left out:
 * `CUSTOM` (needs a portal-defined customDocumentCode this module does not take) and `OTHER` (appears only
 * in callbacks).
 */
export const POA_DOCUMENT_TYPES = [
  'BS',
  'UB',
  'CC',
  'CCS',
  'IC',
  'CAAP',
  'CRC',
  'LAG',
  'LOAP',
  'MOAP',
  'TR',
  'VT',
  'VC',
  'STUC',
  'HCC',
  'CB',
  'SENC',
  'MEDC',
  'BC',
  'WWCC',
  'SS',
  'TAC',
  'SEL',
  'PB',
  'SSC',
] as const;
export type PoaDocumentType = (typeof POA_DOCUMENT_TYPES)[number];

/** ID types a Netverify preset may name (jumio-api.md §2). */
export const POI_ID_TYPES = ['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD'] as const;
export type PoiIdType = (typeof POI_ID_TYPES)[number];

/** Jumio's own references are UUID-like, at most 36 characters (jumio-api.md §1.3). */
export const JUMIO_REFERENCE_PATTERN = /^[A-Za-z0-9-]{1,36}$/;

/** `en`, `en-GB` or `en_GB`: either separator is accepted and converted per API (§2 vs §4.1). */
export const LOCALE_PATTERN = /^[a-z]{2}(?:[-_][A-Z]{2})?$/;
