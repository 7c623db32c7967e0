/** Document Verification type codes accepted in requests (jumio-api.md §4.3). */
export const DOCUMENT_TYPE_CODES: ReadonlySet<string> = new Set([
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
  'CUSTOM',
  // `OTHER` only appears in callbacks, so a request may not use it.
]);

/** Netverify ID types that a preset may name (jumio-api.md §2). */
export const NETVERIFY_ID_TYPES = ['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD'] as const;
export type NetverifyIdType = (typeof NETVERIFY_ID_TYPES)[number];

/** Netverify web v4 workflows (jumio-api.md §2): ID only, or ID + Identity, by capture method. */
export const NETVERIFY_WORKFLOW_IDS: ReadonlySet<number> = new Set([100, 101, 102, 200, 201, 202]);
