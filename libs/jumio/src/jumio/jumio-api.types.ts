/**
 * Request and response bodies of Jumio's legacy Netverify and Document Verification APIs, as far as this
 * module uses them (jumio-api.md §2, §4.1, §6). Response types describe what Jumio documents; the client
 * checks only the fields the module cannot work without, so every other field stays optional.
 */
import type { JumioIdentityVerification, JumioRejectReason } from '../persistence/netverify-facts';

export type NetverifyIdType = 'PASSPORT' | 'DRIVING_LICENSE' | 'ID_CARD';

/** One ID preset of the v4 initiate call; all values are sent together. */
export interface NetverifyPreset {
  index: 1;
  /** ISO 3166-1 alpha-3 (or XKX). */
  country: string;
  type: NetverifyIdType;
}

/** `POST {netverifyUrl}/api/v4/initiate` (§2). */
export interface NetverifyInitiateRequest {
  customerInternalReference: string;
  userReference: string;
  reportingCriteria?: string;
  successUrl?: string;
  errorUrl?: string;
  callbackUrl?: string;
  workflowId?: number;
  presets?: NetverifyPreset[];
  /** Hyphenated form, e.g. `en-GB`. */
  locale?: string;
  /** 5 to 86400. */
  tokenLifetimeInMinutes?: number;
}

export interface NetverifyInitiateResponse {
  timestamp: string;
  /** Jumio's scan reference of the new transaction. */
  transactionReference: string;
  /** The web client URL to show the user (iframe or link). */
  redirectUrl: string;
}

/** `POST {uploadUrl}/api/netverify/v2/acquisitions` (§4.1). */
export interface DocumentAcquisitionRequest {
  /** Document type code, e.g. `UB`, `BS` (§4.3). */
  type: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  merchantScanReference: string;
  customerId: string;
  merchantReportingCriteria?: string;
  successUrl?: string;
  errorUrl?: string;
  callbackUrl?: string;
  enableExtraction?: boolean;
  /** Seconds (unlike NV v4's minutes). Default 1800. */
  authorizationTokenLifetime?: number;
  /** Required when type is CUSTOM. */
  customDocumentCode?: string;
  /** Underscore form, e.g. `en_GB` (unlike NV v4's hyphen). */
  locale?: string;
}

export interface DocumentAcquisitionResponse {
  timestamp?: string;
  scanReference: string;
  clientRedirectUrl: string;
}

/** NV retrieval transaction status (§6, §9). */
export type NetverifyTransactionStatus = 'PENDING' | 'DONE' | 'FAILED';

/** `GET {netverifyUrl}/api/netverify/v2/scans/:ref`. */
export interface NetverifyScanStatusResponse {
  timestamp?: string;
  scanReference: string;
  /** PENDING, DONE or FAILED; typed open because Jumio's enums have drifted before. */
  status: NetverifyTransactionStatus | (string & {});
}

/** RAW address format of NV (§5.4 idAddress, §6 document.address). */
export interface JumioRawAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  line4?: string;
  line5?: string;
  country?: string;
  postalCode?: string;
  city?: string;
  subdivision?: string;
  formattedAddress?: string;
}

export interface NetverifyRetrievalDocument {
  /** The verificationStatus enum (APPROVED_VERIFIED, DENIED_FRAUD, ...). */
  status?: string;
  type?: string;
  idSubtype?: string;
  issuingCountry?: string;
  firstName?: string;
  lastName?: string;
  dob?: string;
  expiry?: string;
  issuingDate?: string;
  number?: string;
  nationality?: string;
  /** RAW address; an object in retrieval, tolerated as a JSON string too. */
  address?: JumioRawAddress | string;
  [field: string]: unknown;
}

export interface NetverifyRetrievalTransaction {
  status?: string;
  source?: string;
  date?: string;
  customerId?: string;
  merchantScanReference?: string;
  merchantReportingCriteria?: string;
  [field: string]: unknown;
}

export interface NetverifyRetrievalVerification {
  mrzCheck?: string;
  rejectReason?: JumioRejectReason;
  identityVerification?: JumioIdentityVerification;
  additionalChecks?: Record<string, unknown>;
  [field: string]: unknown;
}

/** `GET {netverifyUrl}/api/netverify/v2/scans/:ref/data`. */
export interface NetverifyScanDataResponse {
  timestamp?: string;
  scanReference?: string;
  document?: NetverifyRetrievalDocument;
  transaction?: NetverifyRetrievalTransaction;
  verification?: NetverifyRetrievalVerification;
  [field: string]: unknown;
}

/** DV retrieval transaction status (§6; no PENDING is documented). */
export type DocumentTransactionStatus = 'DONE' | 'FAILED';

/** `GET {retrievalUrl}/api/netverify/v2/documents/:ref`. */
export interface DocumentStatusResponse {
  timestamp?: string;
  scanReference: string;
  status: DocumentTransactionStatus | (string & {});
}

/** DV `extractedData`; retrieval nests a JSON-encoded `extractedData` string inside it (§6). */
export interface DocumentExtractedData {
  firstName?: string;
  lastName?: string;
  name?: string;
  issueDate?: string;
  expiryDate?: string;
  address?: DocumentAddress | string;
  /** Retrieval quirk: a JSON string with addressFormat, line1, line2, city, postalCode, ... */
  extractedData?: string | Record<string, unknown>;
  [field: string]: unknown;
}

export interface DocumentAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  line4?: string;
  line5?: string;
  countryCode?: string;
  postalCode?: string;
  city?: string;
  subdivision?: string;
  formattedAddress?: string;
}

export interface DocumentRetrievalDocument {
  /** UPLOADED, EXTRACTED or DISCARDED. */
  status?: string;
  type?: string;
  country?: string;
  customDocumentCode?: string;
  extractedData?: DocumentExtractedData | string;
  [field: string]: unknown;
}

export interface DocumentRetrievalTransaction {
  /** DONE or FAILED. */
  status?: string;
  source?: string;
  date?: string;
  merchantScanReference?: string;
  customerId?: string;
  merchantReportingCriteria?: string;
  [field: string]: unknown;
}

/** `GET {retrievalUrl}/api/netverify/v2/documents/:ref/data`. */
export interface DocumentDataResponse {
  timestamp?: string;
  scanReference?: string;
  document?: DocumentRetrievalDocument;
  transaction?: DocumentRetrievalTransaction;
  [field: string]: unknown;
}
