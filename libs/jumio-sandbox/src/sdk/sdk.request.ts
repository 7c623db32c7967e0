import {
  readCustomDocumentCode,
  readDocumentType,
  DOCUMENT_URL,
} from '../document-verification/acquisition.request';
import {
  idType,
  NETVERIFY_URL,
  optionalCountry,
  optionalUrl,
  REFERENCE_MAX,
  requiredCountry,
} from '../rules/common-fields';
import { invalid, JsonFields } from '../rules/json-fields';
import type { NetverifyIdType } from '../rules/document-types';
import {
  DOCUMENT_OUTCOMES,
  isDocumentOutcome,
  isNetverifyOutcome,
  NETVERIFY_OUTCOMES,
  type DocumentOutcome,
  type NetverifyOutcome,
} from '../store/transaction.types';

/** What the Netverify SDK 3.x setters take (jumio-api.md §8.1), plus the simulated outcome. */
export interface NetverifySdkRequest {
  customerInternalReference: string;
  userReference: string;
  reportingCriteria?: string;
  callbackUrl?: string;
  preset?: { country: string; idType: NetverifyIdType };
  /** Default APPROVED_VERIFIED; an outcome preset through the control wins. */
  outcome: NetverifyOutcome;
}

/** What the Document Verification SDK 3.x setters take, plus the simulated outcome. */
export interface DocumentSdkRequest {
  type: string;
  country?: string;
  customerInternalReference: string;
  userReference: string;
  reportingCriteria?: string;
  callbackUrl?: string;
  customDocumentCode?: string;
  enableExtraction: boolean;
  /** Default EXTRACTED; an outcome preset through the control wins. */
  outcome: DocumentOutcome;
}

export function readNetverifySdkRequest(body: Record<string, unknown>): NetverifySdkRequest {
  const fields = new JsonFields(body);
  const references = readReferences(fields);
  const callbackUrl = optionalUrl(fields, 'callbackUrl', NETVERIFY_URL);
  const country = optionalCountry(fields, 'country');
  const presetType = fields.raw('idType');
  if ((country === undefined) !== (presetType === undefined || presetType === null)) {
    throw invalid(
      country === undefined ? 'country' : 'idType',
      'must be set together with the other preset',
    );
  }
  const preset = country ? { country, idType: idType('idType', presetType) } : undefined;
  const outcome =
    readOutcome(fields, NETVERIFY_OUTCOMES, isNetverifyOutcome) ?? 'APPROVED_VERIFIED';
  return { ...references, callbackUrl, preset, outcome };
}

export function readDocumentSdkRequest(body: Record<string, unknown>): DocumentSdkRequest {
  const fields = new JsonFields(body);
  const type = readDocumentType(fields);
  const country =
    type === 'CC' ? optionalCountry(fields, 'country') : requiredCountry(fields, 'country');
  const references = readReferences(fields);
  const callbackUrl = optionalUrl(fields, 'callbackUrl', DOCUMENT_URL);
  const customDocumentCode = readCustomDocumentCode(fields, type);
  const enableExtraction = fields.boolean('enableExtraction') ?? true;
  const outcome = readOutcome(fields, DOCUMENT_OUTCOMES, isDocumentOutcome) ?? 'EXTRACTED';
  return {
    type,
    country,
    ...references,
    callbackUrl,
    customDocumentCode,
    enableExtraction,
    outcome,
  };
}

function readReferences(fields: JsonFields) {
  return {
    customerInternalReference: fields.string('customerInternalReference', {
      required: true,
      max: REFERENCE_MAX,
    }),
    userReference: fields.string('userReference', { required: true, max: REFERENCE_MAX }),
    reportingCriteria: fields.string('reportingCriteria', { max: REFERENCE_MAX }),
  };
}

function readOutcome<T extends string>(
  fields: JsonFields,
  allowed: readonly T[],
  isAllowed: (value: string) => value is T,
): T | undefined {
  const value = fields.string('outcome', { max: 50 });
  if (value === undefined) return undefined;
  if (!isAllowed(value)) throw invalid('outcome', `must be one of ${allowed.join(', ')}`);
  return value;
}
