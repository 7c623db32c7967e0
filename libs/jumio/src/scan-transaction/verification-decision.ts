import type { JumioIdentityVerification, JumioRejectReason } from '../client/jumio-api.types';
import type { VerificationDecision } from './verification.types';

/**
 * Pure rules turning Jumio's status words into a decision and machine-readable reasons
 * (jumio-api.md §5.5, §5.6, §9). Conservative: anything unexpected is never APPROVED.
 */
export interface DecisionOutcome {
  decision: VerificationDecision;
  reasons: string[];
}

/** What a Netverify callback or retrieval says, already JSON-decoded. */
export interface NetverifyFacts {
  verificationStatus: string;
  /** Callback only: SUCCESS exactly when APPROVED_VERIFIED. */
  idScanStatus?: string;
  rejectReason?: JumioRejectReason;
  identityVerification?: JumioIdentityVerification;
}

/** What a Document Verification callback or retrieval says. */
export interface DocumentFacts {
  /** DONE or FAILED (not finalised within 15 minutes). */
  transactionStatus?: string;
  /** UPLOADED, EXTRACTED or DISCARDED. */
  documentStatus?: string;
}

const RETRYABLE_NETVERIFY_STATUSES = new Set(['ERROR_NOT_READABLE_ID', 'NO_ID_UPLOADED']);

export function decideNetverify(facts: NetverifyFacts): DecisionOutcome {
  const status = facts.verificationStatus;
  if (status === 'APPROVED_VERIFIED') {
    if (facts.idScanStatus !== undefined && facts.idScanStatus !== 'SUCCESS') {
      return pending('INCONSISTENT_ID_SCAN_STATUS');
    }
    // [INFERRED] §5.5: the document passing does not prove the face matched; when Jumio ran Identity
    // Verification its verdict must agree too.
    return facts.identityVerification ? decideIdentity(facts.identityVerification) : approved();
  }
  // DENIED_FRAUD and the two DENIED_UNSUPPORTED_* values; a DENIED_ value Jumio adds later is still a denial.
  if (status.startsWith('DENIED_')) {
    return { decision: 'REJECTED', reasons: [status, ...rejectReasonCodes(facts.rejectReason)] };
  }
  if (RETRYABLE_NETVERIFY_STATUSES.has(status)) {
    return { decision: 'RETRY', reasons: [status, ...rejectReasonCodes(facts.rejectReason)] };
  }
  // Includes misspellings such as APPROVED_VERIFED (§13): wait for retrieval or a human, never approve.
  return pending('UNKNOWN_STATUS');
}

export function decideDocument(facts: DocumentFacts): DecisionOutcome {
  const { transactionStatus, documentStatus } = facts;
  if (transactionStatus === 'FAILED') return { decision: 'RETRY', reasons: ['TRANSACTION_FAILED'] };
  if (transactionStatus === 'PENDING') return pending();
  if (transactionStatus !== undefined && transactionStatus !== 'DONE')
    return pending('UNKNOWN_STATUS');
  switch (documentStatus) {
    // DV returns no verdict (§5.6): for now a finished upload counts; proof-of-address rules come later.
    case 'EXTRACTED':
    case 'UPLOADED':
      return approved();
    case 'DISCARDED':
      return { decision: 'RETRY', reasons: ['DOCUMENT_DISCARDED'] };
    case undefined:
      return pending();
    default:
      return pending('UNKNOWN_STATUS');
  }
}

/**
 * `validity` arrives as a JSON boolean (callback sample), a string (retrieval sample) or TRUE/FALSE (table):
 * undefined when it is none of these.
 */
export function parseValidity(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const normalised = value.trim().toUpperCase();
  if (normalised === 'TRUE') return true;
  if (normalised === 'FALSE') return false;
  return undefined;
}

/** `REJECT_REASON_<code>_<DESCRIPTION>` followed by `REJECT_DETAIL_<code>_<DESCRIPTION>` per detail. */
export function rejectReasonCodes(rejectReason: JumioRejectReason | undefined): string[] {
  if (!rejectReason) return [];
  const codes: string[] = [];
  const main = reasonCode(
    'REJECT_REASON',
    rejectReason.rejectReasonCode,
    rejectReason.rejectReasonDescription,
  );
  if (main) codes.push(main);
  const details = rejectReason.rejectReasonDetails;
  for (const detail of Array.isArray(details) ? details : details ? [details] : []) {
    const code = reasonCode('REJECT_DETAIL', detail.detailsCode, detail.detailsDescription);
    if (code) codes.push(code);
  }
  return codes;
}

function decideIdentity(identity: JumioIdentityVerification): DecisionOutcome {
  const similarity =
    typeof identity.similarity === 'string' ? identity.similarity.toUpperCase() : undefined;
  const validity = parseValidity(identity.validity);
  const failures: string[] = [];
  const unknowns: string[] = [];

  if (similarity === 'NO_MATCH' || similarity === 'NOT_POSSIBLE')
    failures.push(`SIMILARITY_${similarity}`);
  else if (similarity !== 'MATCH') unknowns.push('UNKNOWN_SIMILARITY');

  if (validity === false) failures.push(livenessReason(identity.reason));
  else if (validity === undefined) unknowns.push('UNKNOWN_VALIDITY');

  if (failures.length > 0) return { decision: 'REJECTED', reasons: failures };
  if (unknowns.length > 0) return { decision: 'PENDING', reasons: unknowns };
  return approved();
}

function livenessReason(reason: unknown): string {
  const token = toReasonToken(reason);
  if (!token) return 'LIVENESS_FAILED';
  return token.startsWith('LIVENESS_') ? token : `LIVENESS_${token}`;
}

function reasonCode(prefix: string, code: unknown, description: unknown): string | undefined {
  const codeToken = toReasonToken(code);
  if (!codeToken) return undefined;
  const descriptionToken = toReasonToken(description);
  return descriptionToken ? `${prefix}_${codeToken}_${descriptionToken}` : `${prefix}_${codeToken}`;
}

/** Jumio's enum-like words as reason tokens: upper case, `_` separated, bounded length. */
function toReasonToken(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const token = String(value)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return token || undefined;
}

function approved(): DecisionOutcome {
  return { decision: 'APPROVED', reasons: [] };
}

function pending(reason?: string): DecisionOutcome {
  return { decision: 'PENDING', reasons: reason ? [reason] : [] };
}
