import type { NetverifyIdType } from '../rules/document-types';

/** What the person (capture page) or the app (SDK stand-in) did, and so what Jumio will report. */
export const NETVERIFY_OUTCOMES = [
  'APPROVED_VERIFIED',
  'DENIED_FRAUD',
  'ERROR_NOT_READABLE_ID',
  'NO_ID_UPLOADED',
  // The ID is not supported by Jumio or not accepted in the customer portal (another ID may pass).
  'DENIED_UNSUPPORTED_ID_TYPE',
  'DENIED_UNSUPPORTED_ID_COUNTRY',
] as const;
export type NetverifyOutcome = (typeof NETVERIFY_OUTCOMES)[number];

export const DOCUMENT_OUTCOMES = ['EXTRACTED', 'UPLOADED', 'FAILED'] as const;
export type DocumentOutcome = (typeof DOCUMENT_OUTCOMES)[number];

export type ScanOutcome = NetverifyOutcome | DocumentOutcome;

/** Jumio's transaction status as the Retrieval API reports it. */
export type TransactionStatus = 'PENDING' | 'DONE' | 'FAILED';

/** Optional face-match result of an APPROVED_VERIFIED scan (default MATCH and valid). */
export interface IdentityVerificationOverride {
  similarity: 'MATCH' | 'NO_MATCH' | 'NOT_POSSIBLE';
  validity: boolean;
  reason?: string;
}

/**
 * What the scenario control may add to a Netverify result, as Jumio can (jumio-legacy-corrections.md #24,
 * #26, #27): `identityVerification: null` leaves the face check out of an approval (Identity Verification
 * not active on the account); `idExpiry` replaces the persona's expiry date (`YYYY-MM-DD`);
 * `additionalChecks` is returned as is in retrieval `verification.additionalChecks` (never in callbacks);
 * `name` replaces the persona's name on the ID (e.g. to make a proof of address not match).
 */
export interface NetverifyResultOverrides {
  identityVerification?: IdentityVerificationOverride | null;
  idExpiry?: string;
  additionalChecks?: Record<string, unknown>;
  name?: { firstName: string; lastName: string };
}

export type NetverifyScanSource = 'WEB' | 'WEB_CAM' | 'WEB_UPLOAD' | 'SDK';
export type DocumentSource = 'DOC_UPLOAD' | 'DOC_SDK';

interface TransactionBase {
  /** Jumio's reference (UUID, 36 characters). */
  reference: string;
  channel: 'WEB' | 'SDK';
  /** NV customerInternalReference / DV merchantScanReference. */
  customerInternalReference: string;
  /** NV userReference / DV customerId. */
  userReference: string;
  reportingCriteria?: string;
  callbackUrl?: string;
  successUrl?: string;
  errorUrl?: string;
  locale?: string;
  /** Web only: the token in redirectUrl / clientRedirectUrl, and when it expires (epoch ms). */
  token?: string;
  tokenExpiresAt?: number;
  /** Jumio-formatted creation date (transactionDate / transaction.date). */
  createdAt: string;
  status: TransactionStatus;
  /** Set when the journey ends (page submitted, SDK finished, abandoned); the result is still PENDING. */
  outcome?: ScanOutcome;
  /** Jumio-formatted date at which the result was decided (callbackDate / DV timestamp). */
  completedAt?: string;
  /** The web journey was never submitted and ran out (token lifetime or control). */
  abandoned?: boolean;
  /** Images and PII deleted through the Delete API; only reference and timestamp remain. */
  deletedAt?: string;
  /** Alternates deterministic shape variations between transactions (e.g. rejectReasonDetails). */
  variant: number;
}

export interface NetverifyTransaction extends TransactionBase {
  product: 'NETVERIFY';
  preset?: { country: string; idType: NetverifyIdType };
  workflowId?: number;
  scanSource?: NetverifyScanSource;
  identityVerification?: IdentityVerificationOverride | null;
  idExpiry?: string;
  additionalChecks?: Record<string, unknown>;
  name?: { firstName: string; lastName: string };
}

export interface DocumentTransaction extends TransactionBase {
  product: 'DOCUMENT';
  documentType: string;
  country?: string;
  customDocumentCode?: string;
  enableExtraction: boolean;
  source: DocumentSource;
  /** Pages received on the capture page (at least one is reported when the upload succeeded). */
  pageCount: number;
}

export type SandboxTransaction = NetverifyTransaction | DocumentTransaction;

export function isNetverifyOutcome(value: string): value is NetverifyOutcome {
  return (NETVERIFY_OUTCOMES as readonly string[]).includes(value);
}

export function isDocumentOutcome(value: string): value is DocumentOutcome {
  return (DOCUMENT_OUTCOMES as readonly string[]).includes(value);
}

/** FAILED when nothing usable was uploaded; DONE otherwise. */
export function finalStatusOf(outcome: ScanOutcome): TransactionStatus {
  return outcome === 'NO_ID_UPLOADED' || outcome === 'FAILED' ? 'FAILED' : 'DONE';
}
