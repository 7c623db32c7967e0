/**
 * What the person (hosted page) or the app (SDK 4.x stand-in) did in a KYX workflow, and so what the
 * retrieval details will report. ID + selfie workflows (e.g. 10011) and DocV (10026) have their own sets.
 */
export const KYX_ID_OUTCOMES = [
  'PASSED',
  'PASSED_WITHOUT_SELFIE',
  'MANIPULATED',
  'NO_MATCH',
  'LIVENESS_FAILED',
  'BLURRED',
  'NOT_POSSIBLE',
  'SESSION_EXPIRED',
] as const;
export type KyxIdOutcome = (typeof KYX_ID_OUTCOMES)[number];

export const KYX_DOCUMENT_OUTCOMES = [
  'EXTRACTED',
  'NOT_EXTRACTED',
  'BLURRED',
  'SESSION_EXPIRED',
] as const;
export type KyxDocumentOutcome = (typeof KYX_DOCUMENT_OUTCOMES)[number];

export type KyxOutcome = KyxIdOutcome | KyxDocumentOutcome;

/** `workflowExecution.status` of the status endpoint and the callback (jumio-kyx.md §2.6, §2.7). */
export type KyxWorkflowStatus =
  'INITIATED' | 'ACQUIRED' | 'PROCESSED' | 'SESSION_EXPIRED' | 'TOKEN_EXPIRED';

/** ID + selfie (identity) or DocV (one DOCUMENT credential). */
export type KyxWorkflowKind = 'ID' | 'DOCUMENT';

export type KyxCredentialCategory = 'ID' | 'SELFIE' | 'FACEMAP' | 'DOCUMENT';

export interface KyxCredentialRequest {
  category: KyxCredentialCategory;
  country?: string[];
  type?: string[];
}

export interface KyxAccount {
  id: string;
  createdAt: string;
  /** Account deleted through `DELETE /api/v1/accounts/{id}`, with every workflow execution. */
  deletedAt?: string;
  executionIds: string[];
}

export interface KyxWorkflowExecution {
  id: string;
  accountId: string;
  definitionKey: number;
  kind: KyxWorkflowKind;
  customerInternalReference?: string;
  userReference?: string;
  reportingCriteria?: string;
  callbackUrl?: string;
  successUrl?: string;
  errorUrl?: string;
  locale?: string;
  credentials: KyxCredentialRequest[];
  /** Token in `web.href`; the SDK token (`sdk.token`); both expire with the token lifetime (epoch ms). */
  webToken: string;
  sdkToken: string;
  tokenExpiresAt: number;
  createdAt: string;
  /** The person opened the page or the app started: an unfinished session then ends SESSION_EXPIRED. */
  startedAt?: string;
  completedAt?: string;
  channel?: 'WEB' | 'SDK';
  status: KyxWorkflowStatus;
  outcome?: KyxOutcome;
  deletedAt?: string;
  /** Ids of the credentials Jumio created for this execution, by category. */
  credentialIds: Partial<Record<KyxCredentialCategory, string>>;
}

export function isKyxOutcomeOf(kind: KyxWorkflowKind, value: string): value is KyxOutcome {
  const allowed: readonly string[] = kind === 'ID' ? KYX_ID_OUTCOMES : KYX_DOCUMENT_OUTCOMES;
  return allowed.includes(value);
}

export function isKyxOutcome(value: string): value is KyxOutcome {
  return isKyxOutcomeOf('ID', value) || isKyxOutcomeOf('DOCUMENT', value);
}
