import { isJumioCountry } from '../rules/countries';
import { DOCUMENT_TYPE_CODES } from '../rules/document-types';
import { invalid, JsonFields } from '../rules/json-fields';
import { assertJumioUrl } from '../rules/url.rules';
import type { KyxCredentialCategory, KyxCredentialRequest, KyxWorkflowKind } from './kyx.types';

/** A validated `POST /api/v1/accounts` or `PUT /api/v1/accounts/{id}` body (jumio-kyx.md §2.3). */
export interface KyxAccountRequest {
  customerInternalReference?: string;
  userReference?: string;
  reportingCriteria?: string;
  callbackUrl?: string;
  tokenLifetimeMs: number;
  definitionKey: number;
  kind: KyxWorkflowKind;
  credentials: KyxCredentialRequest[];
  successUrl?: string;
  errorUrl?: string;
  locale?: string;
}

/**
 * Workflow keys this sandbox tenant has configured. Jumio configures keys per tenant and its two
 * documentation sites disagree on them (jumio-kyx.md §2.4): 10011/10013/10015/10163/10164 are ID (+ selfie)
 * workflows, 10026 is DocV.
 */
export const KYX_WORKFLOW_KINDS: ReadonlyMap<number, KyxWorkflowKind> = new Map([
  [10011, 'ID'],
  [10013, 'ID'],
  [10015, 'ID'],
  [10163, 'ID'],
  [10164, 'ID'],
  [10026, 'DOCUMENT'],
]);

const CATEGORIES: readonly KyxCredentialCategory[] = ['ID', 'SELFIE', 'FACEMAP', 'DOCUMENT'];
const PREDEFINED_TYPES = ['DEFINED', 'RECOMMENDED'];
const ID_TYPES = ['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD', 'VISA'];
/** Parameters Jumio appends to web.successUrl / errorUrl (jumio-kyx.md §2.5). */
const KYX_REDIRECT_PARAMS = [
  'accountId',
  'workflowExecutionId',
  'acquisitionStatus',
  'customerInternalReference',
  'errorCode',
];
/** Default token lifetime 30 minutes; allowed 5 minutes to 60 days (jumio-kyx.md §2.3). */
const DEFAULT_TOKEN_LIFETIME_MS = 30 * 60_000;
const MIN_TOKEN_LIFETIME_MS = 5 * 60_000;
const MAX_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60_000;
const KYX_URL = { maxLength: 255, query: 'none' as const };

export function readKyxAccountRequest(body: Record<string, unknown>): KyxAccountRequest {
  const fields = new JsonFields(body);
  const customerInternalReference = fields.string('customerInternalReference', { max: 100 });
  const userReference = fields.string('userReference', { max: 100 });
  const reportingCriteria = fields.string('reportingCriteria', { max: 255 });
  const callbackUrl = fields.string('callbackUrl', { max: 255 });
  if (callbackUrl !== undefined) assertJumioUrl('callbackUrl', callbackUrl, KYX_URL);
  const tokenLifetimeMs = readTokenLifetime(fields.string('tokenLifetime', { max: 10 }));
  const { definitionKey, kind, credentials } = readWorkflowDefinition(
    fields.raw('workflowDefinition'),
  );
  const web = readWeb(fields.raw('web'));
  return {
    customerInternalReference,
    userReference,
    reportingCriteria,
    callbackUrl,
    tokenLifetimeMs,
    definitionKey,
    kind,
    credentials,
    ...web,
  };
}

function readTokenLifetime(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TOKEN_LIFETIME_MS;
  const match = /^(\d{1,7})([mhd])$/.exec(value);
  if (!match) throw invalid('tokenLifetime', 'must look like 30m, 2h or 7d');
  const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unitMs;
  if (ms < MIN_TOKEN_LIFETIME_MS || ms > MAX_TOKEN_LIFETIME_MS) {
    throw invalid('tokenLifetime', 'must be between 5m and 60d');
  }
  return ms;
}

function readWorkflowDefinition(value: unknown): {
  definitionKey: number;
  kind: KyxWorkflowKind;
  credentials: KyxCredentialRequest[];
} {
  const definition = objectAt('workflowDefinition', value, true);
  const fields = new JsonFields(definition, 'workflowDefinition.');
  const rawKey = fields.raw('key');
  const definitionKey =
    typeof rawKey === 'string' && /^\d{1,9}$/.test(rawKey) ? Number(rawKey) : rawKey;
  if (definitionKey === undefined || definitionKey === null) {
    throw invalid('workflowDefinition.key', 'is required');
  }
  if (typeof definitionKey !== 'number' || !Number.isInteger(definitionKey)) {
    throw invalid('workflowDefinition.key', 'must be an integer');
  }
  const kind = KYX_WORKFLOW_KINDS.get(definitionKey);
  if (!kind) {
    throw invalid(
      'workflowDefinition.key',
      `${definitionKey} is not configured for this tenant (sandbox: ${[...KYX_WORKFLOW_KINDS.keys()].join(', ')})`,
    );
  }
  const credentials = readCredentials(fields.raw('credentials'));
  if (kind === 'DOCUMENT') assertDocumentCredentials(definitionKey, credentials);
  else if (credentials.some((credential) => credential.category === 'DOCUMENT')) {
    throw invalid(
      'workflowDefinition.credentials',
      `DOCUMENT is not part of workflow ${definitionKey}`,
    );
  }
  return { definitionKey, kind, credentials };
}

function readCredentials(value: unknown): KyxCredentialRequest[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('workflowDefinition.credentials', 'must be an array');
  return value.map((entry: unknown, index) => {
    const name = `workflowDefinition.credentials[${index}]`;
    const fields = new JsonFields(objectAt(name, entry, true), `${name}.`);
    const category = fields.string('category', { required: true, max: 20 });
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      throw invalid(`${name}.category`, `must be one of ${CATEGORIES.join(', ')}`);
    }
    const country = readPredefined(`${name}.country`, fields.raw('country'));
    const type = readPredefined(`${name}.type`, fields.raw('type'));
    for (const code of country ?? []) {
      if (!isJumioCountry(code))
        throw invalid(`${name}.country.values`, 'must hold ISO 3166-1 alpha-3 codes');
    }
    const allowedTypes = category === 'DOCUMENT' ? [...DOCUMENT_TYPE_CODES] : ID_TYPES;
    for (const code of type ?? []) {
      if (!allowedTypes.includes(code)) {
        throw invalid(`${name}.type.values`, `holds ${code}, which is not a ${category} type`);
      }
    }
    return { category: category as KyxCredentialCategory, country, type };
  });
}

function readPredefined(name: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const fields = new JsonFields(objectAt(name, value, true), `${name}.`);
  const predefinedType = fields.string('predefinedType', { max: 20 });
  if (predefinedType !== undefined && !PREDEFINED_TYPES.includes(predefinedType)) {
    throw invalid(`${name}.predefinedType`, `must be one of ${PREDEFINED_TYPES.join(', ')}`);
  }
  const values = fields.raw('values');
  if (!Array.isArray(values) || values.some((entry) => typeof entry !== 'string')) {
    throw invalid(`${name}.values`, 'must be an array of strings');
  }
  return values as string[];
}

/** DocV: exactly one DOCUMENT credential with exactly one country and one type (DOCC). */
function assertDocumentCredentials(key: number, credentials: KyxCredentialRequest[]): void {
  const name = 'workflowDefinition.credentials';
  if (credentials.length !== 1 || credentials[0].category !== 'DOCUMENT') {
    throw invalid(name, `workflow ${key} needs exactly one DOCUMENT credential`);
  }
  const [document] = credentials;
  if (document.country?.length !== 1)
    throw invalid(`${name}[0].country.values`, 'must hold exactly one country');
  if (document.type?.length !== 1)
    throw invalid(`${name}[0].type.values`, 'must hold exactly one type');
}

function readWeb(value: unknown): Pick<KyxAccountRequest, 'successUrl' | 'errorUrl' | 'locale'> {
  if (value === undefined || value === null) return {};
  const fields = new JsonFields(objectAt('web', value, true), 'web.');
  const successUrl = redirectUrl(fields, 'successUrl');
  const errorUrl = redirectUrl(fields, 'errorUrl');
  const locale = fields.string('locale', {
    max: 5,
    pattern: { regex: /^[a-z]{2}([-_][A-Z]{2})?$/, description: 'a locale such as en or en-GB' },
  });
  return { successUrl, errorUrl, locale };
}

function redirectUrl(fields: JsonFields, name: string): string | undefined {
  const value = fields.string(name, { max: 2047 });
  if (value === undefined) return undefined;
  assertJumioUrl(fields.path(name), value, { maxLength: 2047, query: 'no-jumio-params' });
  const reserved = KYX_REDIRECT_PARAMS.find((param) => new URL(value).searchParams.has(param));
  if (reserved)
    throw invalid(
      fields.path(name),
      `must not contain the query parameter ${reserved}, Jumio sets it`,
    );
  return value;
}

function objectAt(name: string, value: unknown, required: boolean): Record<string, unknown> {
  if (value === undefined || value === null) {
    if (required) throw invalid(name, 'is required');
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'must be an object');
  return value as Record<string, unknown>;
}
