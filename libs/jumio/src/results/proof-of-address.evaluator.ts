import type { ExtractedData } from '../options/extracted-data';
import { daysBetween, parseJumioDate } from '../jumio/jumio-date';
import { namesMatch, type PersonName } from './name-match';
import type { ProofOfAddressRules } from '../options/proof-of-address-rules';

/** Why a proof of address was not accepted (or not yet). */
export type ProofOfAddressReason =
  | 'POA_NO_EXTRACTED_DATA'
  | 'POA_DOCUMENT_TYPE_NOT_ACCEPTED'
  | 'POA_NO_ISSUE_DATE'
  | 'POA_ISSUE_DATE_UNREADABLE'
  | 'POA_ISSUE_DATE_IN_FUTURE'
  | 'POA_DOCUMENT_TOO_OLD'
  | 'POA_NO_NAME'
  | 'POA_NAME_MISMATCH'
  | 'POA_NO_ADDRESS'
  | 'POA_NO_APPROVED_POI'
  | 'POA_AWAITING_POI';

export interface ProofOfAddressContext {
  /** The document type the acquisition asked for; Jumio's reported type wins when it gives one. */
  requestedDocumentType: string | null;
  /** The name from the user's approved proof of identity, or null when there is none. */
  approvedPoiName: PersonName | null;
  /** True while the user's proof of identity still waits for Jumio's result. */
  poiPending: boolean;
  now: Date;
}

export interface ProofOfAddressDecision {
  /**
   * APPROVED: every rule holds. RETRY: the document does not qualify; the user can upload another (the
   * attempt limit still applies). PENDING: only the name check is missing because the identity
   * verification has no result yet; decide again once it has.
   */
  decision: 'APPROVED' | 'RETRY' | 'PENDING';
  reasons: ProofOfAddressReason[];
}

/** A clock-skew allowance: a bill dated tomorrow in another time zone is not a forgery. */
const FUTURE_TOLERANCE_DAYS = 1;

/** Decides a Document Verification result under the bank's rules. Pure; every failing rule is listed. */
export function evaluateProofOfAddress(
  extracted: ExtractedData | null,
  context: ProofOfAddressContext,
  rules: ProofOfAddressRules,
): ProofOfAddressDecision {
  const reasons: ProofOfAddressReason[] = [];
  const documentType = (
    extracted?.documentType ??
    context.requestedDocumentType ??
    ''
  ).toUpperCase();
  // §4.3: Jumio extracts only when a name, address or issue date is readable; otherwise (UPLOADED,
  // DISCARDED) there is nothing to check field by field, which is one reason, not three.
  const data = hasExtraction(extracted) ? extracted : null;
  if (!data) {
    const needsExtraction =
      rules.maxDocumentAgeDays !== null || rules.requireNameMatch || rules.requireAddress;
    if (needsExtraction) reasons.push('POA_NO_EXTRACTED_DATA');
  }
  if (!rules.acceptedDocumentTypes.includes(documentType)) {
    reasons.push('POA_DOCUMENT_TYPE_NOT_ACCEPTED');
  }
  if (data && rules.maxDocumentAgeDays !== null) {
    const problem = issueDateProblem(data.issueDate, rules.maxDocumentAgeDays, context.now);
    if (problem) reasons.push(problem);
  }
  if (data && rules.requireAddress && !hasAddress(data)) reasons.push('POA_NO_ADDRESS');

  const nameProblem = data && rules.requireNameMatch ? checkName(data, context) : undefined;
  if (nameProblem && nameProblem !== 'POA_AWAITING_POI') reasons.push(nameProblem);

  if (reasons.length > 0) return { decision: 'RETRY', reasons };
  if (nameProblem === 'POA_AWAITING_POI') return { decision: 'PENDING', reasons: [nameProblem] };
  return { decision: 'APPROVED', reasons: [] };
}

function hasExtraction(extracted: ExtractedData | null): extracted is ExtractedData {
  if (!extracted) return false;
  const { fullName, firstName, lastName, issueDate, address } = extracted;
  return (
    [fullName, firstName, lastName, issueDate].some((value) => value?.trim()) ||
    address !== undefined
  );
}

function issueDateProblem(
  issueDate: string | undefined,
  maxAgeDays: number,
  now: Date,
): ProofOfAddressReason | undefined {
  if (!issueDate?.trim()) return 'POA_NO_ISSUE_DATE';
  const issued = parseJumioDate(issueDate);
  if (!issued) return 'POA_ISSUE_DATE_UNREADABLE';
  const age = daysBetween(issued, now);
  if (age < -FUTURE_TOLERANCE_DAYS) return 'POA_ISSUE_DATE_IN_FUTURE';
  return age > maxAgeDays ? 'POA_DOCUMENT_TOO_OLD' : undefined;
}

function checkName(
  extracted: ExtractedData,
  context: ProofOfAddressContext,
): ProofOfAddressReason | undefined {
  const documentName =
    extracted.fullName?.trim() ||
    [extracted.firstName, extracted.lastName].filter((part) => part?.trim()).join(' ');
  if (!documentName) return 'POA_NO_NAME';
  if (!context.approvedPoiName)
    return context.poiPending ? 'POA_AWAITING_POI' : 'POA_NO_APPROVED_POI';
  return namesMatch(documentName, context.approvedPoiName) ? undefined : 'POA_NAME_MISMATCH';
}

function hasAddress(extracted: ExtractedData): boolean {
  const address = extracted.address;
  if (!address) return false;
  const street = [address.line1, address.line2, address.line3].some((line) => line?.trim());
  return (
    Boolean(address.formatted?.trim()) || (street && Boolean(address.city || address.postalCode))
  );
}
