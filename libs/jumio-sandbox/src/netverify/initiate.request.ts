import { NETVERIFY_WORKFLOW_IDS, type NetverifyIdType } from '../rules/document-types';
import { invalid, JsonFields } from '../rules/json-fields';
import {
  idType,
  NETVERIFY_URL,
  optionalUrl,
  REFERENCE_MAX,
  requiredCountry,
} from '../rules/common-fields';

/** A validated `POST /api/v4/initiate` body (jumio-api.md §2). */
export interface InitiateRequest {
  customerInternalReference: string;
  userReference: string;
  reportingCriteria?: string;
  successUrl?: string;
  errorUrl?: string;
  callbackUrl?: string;
  workflowId?: number;
  preset?: { country: string; idType: NetverifyIdType };
  locale: string;
  tokenLifetimeInMinutes: number;
}

/** Jumio's portal default token lifetime (jumio-api.md §2). */
export const DEFAULT_TOKEN_LIFETIME_MINUTES = 30;

/** v4 locales use a hyphen: `en`, `en-GB`, `pt-BR` ([UNSURE] whether Jumio rejects others; the sandbox does). */
const V4_LOCALE = { regex: /^[a-z]{2}(-[A-Z]{2})?$/, description: 'a locale such as en or en-GB' };

export function readInitiateRequest(body: Record<string, unknown>): InitiateRequest {
  const fields = new JsonFields(body);
  const customerInternalReference = fields.string('customerInternalReference', {
    required: true,
    max: REFERENCE_MAX,
  });
  const userReference = fields.string('userReference', { required: true, max: REFERENCE_MAX });
  const reportingCriteria = fields.string('reportingCriteria', { max: REFERENCE_MAX });
  const successUrl = optionalUrl(fields, 'successUrl', { ...NETVERIFY_URL, maxLength: 2047 });
  const errorUrl = optionalUrl(fields, 'errorUrl', NETVERIFY_URL);
  const callbackUrl = optionalUrl(fields, 'callbackUrl', NETVERIFY_URL);
  const workflowId = fields.integer('workflowId');
  if (workflowId !== undefined && !NETVERIFY_WORKFLOW_IDS.has(workflowId)) {
    throw invalid('workflowId', `must be one of ${[...NETVERIFY_WORKFLOW_IDS].join(', ')}`);
  }
  const preset = readPresets(fields.raw('presets'));
  const locale = fields.string('locale', { max: 5, pattern: V4_LOCALE }) ?? 'en';
  const tokenLifetimeInMinutes =
    fields.integer('tokenLifetimeInMinutes', { min: 5, max: 86400 }) ??
    DEFAULT_TOKEN_LIFETIME_MINUTES;
  return {
    customerInternalReference,
    userReference,
    reportingCriteria,
    successUrl,
    errorUrl,
    callbackUrl,
    workflowId,
    preset,
    locale,
    tokenLifetimeInMinutes,
  };
}

/** `presets: [{index: 1, country, type}]`, all three values together (jumio-api.md §2). */
function readPresets(value: unknown): InitiateRequest['preset'] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid('presets', 'must be an array');
  if (value.length === 0) return undefined;
  if (value.length > 1) throw invalid('presets', 'supports exactly one entry (index 1)');
  const entry: unknown = value[0];
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw invalid('presets[0]', 'must be an object');
  }
  const fields = new JsonFields(entry as Record<string, unknown>, 'presets[0].');
  if (fields.raw('index') !== 1) throw invalid('presets[0].index', 'must be 1');
  const country = requiredCountry(fields, 'country');
  const type = fields.raw('type');
  if (type === undefined) throw invalid('presets[0].type', 'is required');
  return { country, idType: idType('presets[0].type', type) };
}
