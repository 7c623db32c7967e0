import type {
  JumioIdentityVerification,
  JumioRejectReason,
  NetverifyFacts,
} from '../../persistence/netverify-facts';
import { parseJumioDate } from '../jumio-date';
import { additionalCheckRows } from './additional-checks';
import { toReasonToken } from './reason-token';
import {
  DEFAULT_DECISION_POLICY,
  mostSevere,
  type TableDecision,
} from '../../transaction/decision-policy';
import type { DecisionPolicy } from '../../options/decision-policy.options';
import type { VerificationDecision } from '../../persistence/verification.types';

/**
 * The decision table (docs/decisions.md) as pure rules: Jumio's words in, a decision and machine-readable
 * reasons out. Fail closed: APPROVED only when every row that applies approves; anything unexpected or
 * missing is REVIEW (a human decides), never APPROVED. When several rows apply, the most severe decides
 * (REJECTED > REVIEW > PENDING > RETRY > APPROVED) and every reason is kept.
 */
export interface DecisionOutcome {
  decision: VerificationDecision;
  reasons: string[];
}

/** What a Document Verification callback or retrieval says. */
export interface DocumentFacts {
  /** DONE or FAILED (not finalised within 15 minutes). */
  transactionStatus?: string;
  /** UPLOADED, EXTRACTED or DISCARDED. */
  documentStatus?: string;
}

/** One row of the table that applies to a result. */
export interface Row {
  decision: TableDecision;
  reasons: string[];
}

/** validity FALSE because of the capture: a new selfie fixes it. */
const QUALITY_LIVENESS_REASONS = new Set([
  'BAD_QUALITY',
  'FACE_NOT_FULLY_VISIBLE',
  'NO_FACE_PRESENT',
  'BLACK_AND_WHITE',
]);
/** validity FALSE because the selfie is not a live person in front of the camera. */
const FRAUD_LIVENESS_REASONS = new Set([
  'SELFIE_IS_SCREEN_PAPER_VIDEO',
  'SELFIE_MANIPULATED',
  'SELFIE_CROPPED_FROM_ID',
  'ENTIRE_ID_USED_AS_SELFIE',
]);
// Everything else with validity FALSE (MULTIPLE_PEOPLE, AGE_DIFFERENCE_TOO_BIG, LIVENESS_FAILED, no or an
// unknown reason) is ambiguous: REVIEW.

export function decideNetverify(
  facts: NetverifyFacts,
  policy: DecisionPolicy = DEFAULT_DECISION_POLICY,
  now: Date = new Date(),
): DecisionOutcome {
  const rows: Row[] = [statusRow(facts, policy)];
  if (facts.verificationStatus === 'APPROVED_VERIFIED') {
    rows.push(...identityRows(facts.identityVerification, policy));
    const expiry = expiryRow(facts.expiryDate, policy, now);
    if (expiry) rows.push(expiry);
  }
  rows.push(...additionalCheckRows(facts.additionalChecks, policy));
  return combine(rows);
}

function statusRow(facts: NetverifyFacts, policy: DecisionPolicy): Row {
  const status = facts.verificationStatus;
  const withReasons = (decision: TableDecision): Row => ({
    decision,
    reasons: [status, ...rejectReasonCodes(facts.rejectReason)],
  });
  switch (status) {
    case 'APPROVED_VERIFIED':
      return facts.idScanStatus !== undefined && facts.idScanStatus !== 'SUCCESS'
        ? { decision: 'REVIEW', reasons: ['INCONSISTENT_ID_SCAN_STATUS'] }
        : { decision: 'APPROVED', reasons: [] };
    case 'DENIED_FRAUD':
      return withReasons('REJECTED');
    case 'DENIED_UNSUPPORTED_ID_TYPE':
      return withReasons(policy.unsupportedIdType);
    case 'DENIED_UNSUPPORTED_ID_COUNTRY':
      return withReasons(policy.unsupportedIdCountry);
    case 'ERROR_NOT_READABLE_ID':
      return withReasons('RETRY');
    case 'NO_ID_UPLOADED':
      // The capture was abandoned: closes the attempt without counting it (UNCOUNTED_RETRY_STATUSES).
      return { decision: 'RETRY', reasons: [status] };
    default:
      // Includes misspellings such as APPROVED_VERIFED (§13) and DENIED_ words Jumio may add: a human decides.
      return { decision: 'REVIEW', reasons: ['UNKNOWN_STATUS'] };
  }
}

function identityRows(
  identity: JumioIdentityVerification | undefined,
  policy: DecisionPolicy,
): Row[] {
  const absent =
    !identity ||
    ((identity.similarity === undefined || identity.similarity === null) &&
      (identity.validity === undefined || identity.validity === null));
  if (absent) {
    // Jumio sends the face check only when Identity Verification ran: a changed account setting must
    // not approve on the document alone.
    return policy.requireIdentityVerification
      ? [{ decision: 'REVIEW', reasons: ['IDENTITY_VERIFICATION_MISSING'] }]
      : [];
  }
  return [similarityRow(identity.similarity), validityRow(identity)];
}

function similarityRow(value: unknown): Row {
  const similarity = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  switch (similarity) {
    case 'MATCH':
      return { decision: 'APPROVED', reasons: [] };
    case 'NO_MATCH':
      return { decision: 'REJECTED', reasons: ['SIMILARITY_NO_MATCH'] };
    case 'NOT_POSSIBLE':
      // "not executed or bad quality of face on document": another capture can fix it.
      return { decision: 'RETRY', reasons: ['SIMILARITY_NOT_POSSIBLE'] };
    default:
      return { decision: 'REVIEW', reasons: ['UNKNOWN_SIMILARITY'] };
  }
}

function validityRow(identity: JumioIdentityVerification): Row {
  const validity = parseValidity(identity.validity);
  if (validity === true) return { decision: 'APPROVED', reasons: [] };
  if (validity === undefined) return { decision: 'REVIEW', reasons: ['UNKNOWN_VALIDITY'] };
  const reason = toReasonToken(identity.reason)?.replace(/^LIVENESS_(?!FAILED$)/, '');
  const code = livenessReason(reason);
  if (reason && QUALITY_LIVENESS_REASONS.has(reason)) return { decision: 'RETRY', reasons: [code] };
  if (reason && FRAUD_LIVENESS_REASONS.has(reason)) return { decision: 'REJECTED', reasons: [code] };
  return { decision: 'REVIEW', reasons: [code] };
}

/** An ID whose extracted expiry date lies before today (UTC). No date read: nothing to check. */
function expiryRow(expiryDate: string | undefined, policy: DecisionPolicy, now: Date): Row | null {
  if (!expiryDate?.trim()) return null;
  const expiry = parseJumioDate(expiryDate);
  if (!expiry) return { decision: 'REVIEW', reasons: ['ID_EXPIRY_UNREADABLE'] };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return expiry.getTime() < today ? { decision: policy.expiredId, reasons: ['ID_EXPIRED'] } : null;
}

function combine(rows: Row[]): DecisionOutcome {
  const decision = mostSevere(rows.map((row) => row.decision));
  const reasons = [...new Set(rows.flatMap((row) => row.reasons))];
  return { decision, reasons };
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
      return { decision: 'REVIEW', reasons: ['UNKNOWN_STATUS'] };
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

function livenessReason(token: string | undefined): string {
  if (!token) return 'LIVENESS_FAILED';
  return token.startsWith('LIVENESS_') ? token : `LIVENESS_${token}`;
}

function reasonCode(prefix: string, code: unknown, description: unknown): string | undefined {
  const codeToken = toReasonToken(code);
  if (!codeToken) return undefined;
  const descriptionToken = toReasonToken(description);
  return descriptionToken ? `${prefix}_${codeToken}_${descriptionToken}` : `${prefix}_${codeToken}`;
}

function approved(): DecisionOutcome {
  return { decision: 'APPROVED', reasons: [] };
}

function pending(reason?: string): DecisionOutcome {
  return { decision: 'PENDING', reasons: reason ? [reason] : [] };
}
