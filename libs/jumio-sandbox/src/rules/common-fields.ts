import { isJumioCountry } from './countries';
import { NETVERIFY_ID_TYPES, type NetverifyIdType } from './document-types';
import { invalid, type JsonFields } from './json-fields';
import { assertJumioUrl, type JumioUrlRule } from './url.rules';

/** Your references are at most 100 characters (jumio-api.md §2, §4.1, §8.1). */
export const REFERENCE_MAX = 100;

/** Netverify URL fields other than v4's successUrl (2047) are at most 255 characters. */
export const NETVERIFY_URL: JumioUrlRule = { maxLength: 255, query: 'no-jumio-params' };

export function requiredCountry(fields: JsonFields, name: string): string {
  return country(fields.path(name), fields.string(name, { required: true, max: 3 }));
}

export function optionalCountry(fields: JsonFields, name: string): string | undefined {
  const value = fields.string(name, { max: 3 });
  return value === undefined ? undefined : country(fields.path(name), value);
}

function country(name: string, value: string): string {
  if (!isJumioCountry(value)) throw invalid(name, 'must be an ISO 3166-1 alpha-3 country code');
  return value;
}

export function idType(name: string, value: unknown): NetverifyIdType {
  if (typeof value !== 'string' || !(NETVERIFY_ID_TYPES as readonly string[]).includes(value)) {
    throw invalid(name, `must be one of ${NETVERIFY_ID_TYPES.join(', ')}`);
  }
  return value as NetverifyIdType;
}

export function optionalUrl(
  fields: JsonFields,
  name: string,
  rule: JumioUrlRule,
): string | undefined {
  const value = fields.string(name, { max: Number.MAX_SAFE_INTEGER });
  if (value !== undefined) assertJumioUrl(name, value, rule);
  return value;
}
