import { isJumioReference } from '../jumio-reference';
import type {
  JumioProduct,
  JumioResult,
  VerificationDecision,
} from '../../persistence/verification.types';
import type { ExtractedAddress, ExtractedData } from '../../options/extracted-data';
import type { KyxCapabilityResult, KyxWorkflowDetails } from './kyx-api.types';
import { KYX_UNCOUNTED_RETRY_STATUSES } from '../../transaction/decision-policy';

/**
 * KYX retrieval details → the module's `JumioResult` (jumio-kyx.md §2.7, §2.8). Pure. Fail closed: each
 * capability result and the overall decision become rows; the most severe row decides
 * (REJECTED > REVIEW > PENDING > RETRY > APPROVED) and every reason is kept. A POI is APPROVED only when
 * the overall decision is PASSED and every required capability (usability, imageChecks, extraction, and
 * with the selfie similarity and liveness) is present and PASSED. What the customer can fix (usability,
 * quality of the selfie, similarity NOT_POSSIBLE, an expired session) is RETRY, never REJECTED.
 * DocV (POA): a usable document is APPROVED here with its extraction data; the bank's POA rules then decide.
 */
export interface KyxMappingContext {
  product: JumioProduct;
  /** The POI workflow takes a selfie: similarity and liveness must be present and PASSED. */
  requireSelfie: boolean;
}

/** Details that lack the workflow execution id: not a result the module can file. */
export class KyxResultShapeError extends Error {
  constructor(field: string) {
    super(`KYX details without a usable ${field}`);
    this.name = 'KyxResultShapeError';
  }
}

/** Statuses in which Jumio is still working: no result yet. */
export const KYX_UNFINISHED_STATUSES: readonly string[] = ['INITIATED', 'ACQUIRED'];

interface Row {
  decision: VerificationDecision;
  reasons: string[];
}

const SEVERITY: readonly VerificationDecision[] = [
  'REJECTED',
  'REVIEW',
  'PENDING',
  'RETRY',
  'APPROVED',
];

/** Liveness REJECTED because the selfie is not a live person (API3, USAB). */
const LIVENESS_FRAUD = new Set([
  'ID_USED_AS_SELFIE',
  'MULTIPLE_PEOPLE',
  'DIGITAL_COPY',
  'PHOTOCOPY',
  'MANIPULATED',
]);
/** Liveness results a new selfie fixes. */
const LIVENESS_QUALITY = new Set([
  'LIVENESS_UNDETERMINED',
  'NO_FACE_PRESENT',
  'FACE_NOT_FULLY_VISIBLE',
  'BLACK_WHITE',
  'BAD_QUALITY',
]);
const POI_REQUIRED = ['usability', 'imageChecks', 'extraction'];
const SELFIE_REQUIRED = ['similarity', 'liveness'];

export function mapKyxDetails(
  details: KyxWorkflowDetails,
  context: KyxMappingContext,
): JumioResult {
  const workflow = details.workflow ?? {};
  if (!isJumioReference(workflow.id)) throw new KyxResultShapeError('workflow.id');
  const status = typeof workflow.status === 'string' ? workflow.status : 'UNKNOWN';
  const decisionType =
    typeof details.decision?.type === 'string' ? details.decision.type : undefined;
  const outcome = decide(details, status, decisionType, context);
  return {
    product: context.product,
    jumioReference: workflow.id,
    customerInternalReference: stringOrUndefined(workflow.customerInternalReference),
    userReference: stringOrUndefined(workflow.userReference),
    jumioStatus: status === 'PROCESSED' ? `PROCESSED_${token(decisionType) ?? 'UNKNOWN'}` : status,
    decision: outcome.decision,
    reasons: outcome.reasons,
    extracted: status === 'PROCESSED' ? extractedData(details, context.product) : null,
    reportedAt: dateOrNull(details.completedAt),
  };
}

function decide(
  details: KyxWorkflowDetails,
  status: string,
  decisionType: string | undefined,
  context: KyxMappingContext,
): Row {
  if (KYX_UNCOUNTED_RETRY_STATUSES.includes(status))
    return { decision: 'RETRY', reasons: [status] };
  if (KYX_UNFINISHED_STATUSES.includes(status)) return { decision: 'PENDING', reasons: [] };
  if (status !== 'PROCESSED') return { decision: 'REVIEW', reasons: ['UNKNOWN_STATUS'] };

  const capabilities = details.capabilities ?? {};
  const usabilityFailed = entries(capabilities.usability).some(
    (entry) => entry.decision?.type !== 'PASSED',
  );
  const rows: Row[] = [];
  for (const [name, results] of Object.entries(capabilities)) {
    for (const entry of entries(results)) rows.push(capabilityRow(name, entry, usabilityFailed));
  }
  const required = context.product === 'DOCUMENT' ? ['usability'] : [...POI_REQUIRED];
  if (context.product !== 'DOCUMENT' && context.requireSelfie) required.push(...SELFIE_REQUIRED);
  for (const name of required) {
    if (entries(capabilities[name]).length === 0) {
      rows.push({ decision: 'REVIEW', reasons: [`${token(name)}_MISSING`] });
    }
  }
  rows.push(overallRow(decisionType, details.decision?.details?.label, rows));
  return combine(rows);
}

function capabilityRow(name: string, entry: KyxCapabilityResult, usabilityFailed: boolean): Row {
  const type = entry.decision?.type;
  const label = token(entry.decision?.details?.label) ?? type ?? 'UNKNOWN';
  const reasons = [`${token(name)}_${label}`];
  const row = (decision: VerificationDecision): Row => ({
    decision,
    reasons: decision === 'APPROVED' ? [] : reasons,
  });
  if (type === 'PASSED') return row('APPROVED');
  // A check that could not run because the images were unusable: a new capture fixes it.
  if (type === 'NOT_EXECUTED')
    return row(name === 'usability' || usabilityFailed ? 'RETRY' : 'REVIEW');
  if (type !== 'REJECTED' && type !== 'WARNING')
    return { decision: 'REVIEW', reasons: [`${token(name)}_UNKNOWN_DECISION`] };
  const rejected = type === 'REJECTED';
  switch (name) {
    case 'usability':
      return row('RETRY');
    case 'imageChecks':
    case 'dataChecks':
      return row(rejected ? 'REJECTED' : 'REVIEW');
    case 'extraction':
      return row(rejected ? 'RETRY' : 'REVIEW');
    case 'similarity':
      if (rejected) return row('REJECTED');
      return row(label === 'NOT_POSSIBLE' ? 'RETRY' : 'REVIEW');
    case 'liveness':
      if (LIVENESS_QUALITY.has(label)) return row('RETRY');
      return row(rejected && LIVENESS_FRAUD.has(label) ? 'REJECTED' : 'REVIEW');
    default:
      // watchlistScreening, addressValidation, proofOfResidency, ...: a hit is for a person to decide.
      return row('REVIEW');
  }
}

/** The overall decision; a REJECTED or WARNING already explained by the capabilities adds nothing. */
function overallRow(
  type: string | undefined,
  label: string | undefined,
  capabilityRows: Row[],
): Row {
  const explainedBy = (decisions: VerificationDecision[]) =>
    capabilityRows.some((row) => decisions.includes(row.decision));
  const reasons = [`DECISION_${token(type) ?? 'MISSING'}${token(label) ? `_${token(label)}` : ''}`];
  switch (type) {
    case 'PASSED':
      return { decision: 'APPROVED', reasons: [] };
    case 'REJECTED':
      // Jumio's ruleset rejected: only a capability that is itself REJECTED or fixable explains it.
      return explainedBy(['REJECTED', 'RETRY'])
        ? { decision: 'APPROVED', reasons: [] }
        : { decision: 'REJECTED', reasons };
    case 'WARNING':
      return explainedBy(['REJECTED', 'RETRY', 'REVIEW'])
        ? { decision: 'APPROVED', reasons: [] }
        : { decision: 'REVIEW', reasons };
    case 'NOT_EXECUTED':
      return { decision: 'RETRY', reasons };
    default:
      return { decision: 'REVIEW', reasons };
  }
}

function combine(rows: Row[]): Row {
  const decision =
    SEVERITY.find((candidate) => rows.some((row) => row.decision === candidate)) ?? 'REVIEW';
  const reasons = [...new Set(rows.flatMap((row) => row.reasons))];
  return { decision, reasons };
}

/** The extraction data of the ID (POI) or DOCUMENT (POA) credential. */
function extractedData(details: KyxWorkflowDetails, product: JumioProduct): ExtractedData | null {
  const category = product === 'DOCUMENT' ? 'DOCUMENT' : 'ID';
  const extraction = entries(details.capabilities?.extraction).find(
    (entry) =>
      entry.decision?.type === 'PASSED' &&
      (entry.credentials ?? []).some((credential) => credential.category === category),
  );
  const data = extraction?.data;
  if (!data || typeof data !== 'object') return null;
  const text = (field: string) => stringOrUndefined(data[field]);
  const firstName = text('firstName');
  const lastName = text('lastName');
  return compact<ExtractedData>({
    firstName,
    lastName,
    fullName:
      text('fullName') ??
      text('name') ??
      (product === 'DOCUMENT' ? joined([firstName, lastName], ' ') : undefined),
    dateOfBirth: text('dateOfBirth'),
    documentNumber: text('documentNumber'),
    documentType: text('type'),
    documentSubtype: text('subType'),
    issuingCountry: text('issuingCountry'),
    nationality: text('nationality'),
    expiryDate: text('expiryDate'),
    issueDate: text('issuingDate') ?? text('issueDate'),
    address: addressFrom(data.address),
  });
}

function addressFrom(value: unknown): ExtractedAddress | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const source = value as Record<string, unknown>;
  const text = (field: string) => stringOrUndefined(source[field]);
  return (
    compact<ExtractedAddress>({
      line1: text('line1'),
      line2: text('line2'),
      line3: joined([text('line3'), text('line4'), text('line5')], ', '),
      city: text('city'),
      postalCode: text('postalCode'),
      subdivision: text('subdivision'),
      country: text('country'),
      formatted: text('formattedAddress'),
    }) ?? undefined
  );
}

function entries(value: unknown): KyxCapabilityResult[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is KyxCapabilityResult =>
      entry !== null && typeof entry === 'object' && !Array.isArray(entry),
  );
}

/** Jumio's enum-like words as reason tokens: upper snake case (imageChecks → IMAGE_CHECKS), bounded. */
function token(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const result = value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return result || undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function dateOrNull(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function joined(parts: (string | undefined)[], separator: string): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length > 0 ? present.join(separator) : undefined;
}

function compact<T extends object>(value: T): T | null {
  const present = Object.entries(value).filter(([, field]) => field !== undefined);
  return present.length > 0 ? (Object.fromEntries(present) as T) : null;
}
