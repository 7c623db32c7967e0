/** Request and response shapes of the KYX endpoints the module uses (jumio-kyx.md §2.3, §2.7). */

export interface KyxCredentialDefinition {
  category: 'ID' | 'SELFIE' | 'FACEMAP' | 'DOCUMENT';
  country?: { predefinedType: 'DEFINED' | 'RECOMMENDED'; values: string[] };
  type?: { predefinedType: 'DEFINED' | 'RECOMMENDED'; values: string[] };
}

/** Body of `POST /api/v1/accounts` and `PUT /api/v1/accounts/{accountId}`. No personal data. */
export interface KyxAccountRequest {
  customerInternalReference: string;
  userReference: string;
  callbackUrl: string;
  /** e.g. `30m`. */
  tokenLifetime?: string;
  workflowDefinition: { key: number; credentials?: KyxCredentialDefinition[] };
  web?: { successUrl?: string; errorUrl?: string; locale?: string };
}

export interface KyxAccountResponse {
  timestamp?: string;
  account: { id: string };
  web?: { href: string; successUrl?: string; errorUrl?: string };
  sdk?: { token: string };
  workflowExecution: { id: string };
}

export type KyxWorkflowStatus =
  'INITIATED' | 'ACQUIRED' | 'PROCESSED' | 'SESSION_EXPIRED' | 'TOKEN_EXPIRED';

export interface KyxStatusResponse {
  account?: { id: string };
  workflowExecution: { id: string; status: string; definitionKey?: string };
}

export interface KyxDecision {
  type?: string;
  details?: { label?: string };
  risk?: { score?: number };
}

export interface KyxCapabilityResult {
  id?: string;
  credentials?: { id?: string; category?: string }[];
  decision?: KyxDecision;
  data?: Record<string, unknown>;
}

/** `GET …/accounts/{a}/workflow-executions/{w}`: read defensively, every field may be missing. */
export interface KyxWorkflowDetails {
  createdAt?: string;
  startedAt?: string;
  completedAt?: string;
  account?: { id?: string };
  workflow?: {
    id?: string;
    status?: string;
    definitionKey?: string | number;
    customerInternalReference?: string;
    userReference?: string;
  };
  decision?: KyxDecision;
  credentials?: { id?: string; category?: string }[];
  capabilities?: Record<string, KyxCapabilityResult[] | undefined>;
}
