import { DOCUMENT_TYPE_CODES } from '../rules/document-types';
import { invalid, JsonFields } from '../rules/json-fields';
import {
  optionalCountry,
  optionalUrl,
  REFERENCE_MAX,
  requiredCountry,
} from '../rules/common-fields';
import type { JumioUrlRule } from '../rules/url.rules';

/** A validated `POST /api/netverify/v2/acquisitions` body (jumio-api.md §4.1). */
export interface AcquisitionRequest {
  type: string;
  country?: string;
  merchantScanReference: string;
  customerId: string;
  merchantReportingCriteria?: string;
  successUrl?: string;
  errorUrl?: string;
  callbackUrl?: string;
  enableExtraction: boolean;
  authorizationTokenLifetimeSeconds: number;
  customDocumentCode?: string;
  locale?: string;
}

/** Document Verification URLs: at most 255 characters and no query parameters at all. */
export const DOCUMENT_URL: JumioUrlRule = { maxLength: 255, query: 'none' };

export const DEFAULT_AUTHORIZATION_TOKEN_LIFETIME_SECONDS = 1800;
const MAX_AUTHORIZATION_TOKEN_LIFETIME_SECONDS = 5_184_000;

/** DV locales use an underscore: `en_GB`, `pt_BR` (unlike v4). */
const DV_LOCALE = { regex: /^[a-z]{2}(_[A-Z]{2})?$/, description: 'a locale such as en or en_GB' };
const HEX_COLOUR = { regex: /^[0-9A-Fa-f]{6}$/, description: 'a 6-digit hex colour' };

export function readAcquisitionRequest(body: Record<string, unknown>): AcquisitionRequest {
  const fields = new JsonFields(body);
  const type = readDocumentType(fields);
  const country =
    type === 'CC' ? optionalCountry(fields, 'country') : requiredCountry(fields, 'country');
  const merchantScanReference = fields.string('merchantScanReference', {
    required: true,
    max: REFERENCE_MAX,
  });
  const customerId = fields.string('customerId', { required: true, max: REFERENCE_MAX });
  const merchantReportingCriteria = fields.string('merchantReportingCriteria', {
    max: REFERENCE_MAX,
  });
  const successUrl = optionalUrl(fields, 'successUrl', DOCUMENT_URL);
  const errorUrl = optionalUrl(fields, 'errorUrl', DOCUMENT_URL);
  const callbackUrl = optionalUrl(fields, 'callbackUrl', DOCUMENT_URL);
  optionalUrl(fields, 'headerImageUrl', DOCUMENT_URL);
  const enableExtraction = fields.boolean('enableExtraction') ?? true;
  const authorizationTokenLifetimeSeconds =
    fields.integer('authorizationTokenLifetime', {
      min: 1,
      max: MAX_AUTHORIZATION_TOKEN_LIFETIME_SECONDS,
    }) ?? DEFAULT_AUTHORIZATION_TOKEN_LIFETIME_SECONDS;
  const baseColor = fields.string('baseColor', { max: 6, pattern: HEX_COLOUR });
  const bgColor = fields.string('bgColor', { max: 6, pattern: HEX_COLOUR });
  if ((baseColor === undefined) !== (bgColor === undefined)) {
    throw invalid(
      baseColor === undefined ? 'baseColor' : 'bgColor',
      'must be sent with the other colour',
    );
  }
  const customDocumentCode = readCustomDocumentCode(fields, type);
  const locale = fields.string('locale', { max: 5, pattern: DV_LOCALE });
  return {
    type,
    country,
    merchantScanReference,
    customerId,
    merchantReportingCriteria,
    successUrl,
    errorUrl,
    callbackUrl,
    enableExtraction,
    authorizationTokenLifetimeSeconds,
    customDocumentCode,
    locale,
  };
}

export function readDocumentType(fields: JsonFields, name = 'type'): string {
  const type = fields.string(name, { required: true, max: REFERENCE_MAX });
  if (!DOCUMENT_TYPE_CODES.has(type)) throw invalid(name, 'is not a supported document type code');
  return type;
}

/** Required with type CUSTOM; meaningless (and so dropped) with any other type. */
export function readCustomDocumentCode(fields: JsonFields, type: string): string | undefined {
  const code = fields.string('customDocumentCode', {
    required: type === 'CUSTOM',
    max: REFERENCE_MAX,
  });
  return type === 'CUSTOM' ? code : undefined;
}
