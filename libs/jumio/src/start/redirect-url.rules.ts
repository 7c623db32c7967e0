import { isIP } from 'node:net';
import { JumioError, JumioErrorCode } from '../common/jumio.error';

/** Query parameters Jumio appends to Netverify v4 success/error URLs (jumio-api.md §2). */
const NETVERIFY_REDIRECT_PARAMS = [
  'transactionStatus',
  'customerInternalReference',
  'transactionReference',
  'errorCode',
];

export type QueryRule =
  /** Document Verification allows no query parameters at all (§1.3). */
  | 'none'
  /** Netverify forbids the parameters it appends itself (§1.3). */
  | 'no-jumio-params';

/**
 * Jumio's rules for success and error URLs beyond their shape (checked by the DTO): HTTPS, a domain name
 * (no IP address), no explicit port, no credentials, and the product's query rule. With `sandbox` (local
 * development against the Jumio sandbox) http, IP hosts and ports are allowed.
 */
export function assertRedirectUrl(
  field: string,
  value: string,
  rule: { query: QueryRule; sandbox: boolean },
): void {
  const url = parseUrl(field, value);
  if (url.protocol !== 'https:' && !rule.sandbox) throw invalid(field, 'must use https');
  if (url.username || url.password) throw invalid(field, 'must not contain credentials');
  if (!rule.sandbox && url.port !== '') throw invalid(field, 'must not contain a port');
  if (!rule.sandbox && isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    throw invalid(field, 'must use a domain name, not an IP address');
  }
  if (rule.query === 'none' && url.search !== '') {
    throw invalid(field, 'must not contain query parameters');
  }
  if (rule.query === 'no-jumio-params') {
    const reserved = NETVERIFY_REDIRECT_PARAMS.find((name) => url.searchParams.has(name));
    if (reserved) throw invalid(field, `must not contain the query parameter ${reserved}`);
  }
}

/** Node's URL is stricter than the DTO's check (punycode, IPv6 zone ids): its refusal is a 400 too. */
function parseUrl(field: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw invalid(field, 'must be a valid URL');
  }
}

function invalid(field: string, problem: string): JumioError {
  return new JumioError(JumioErrorCode.INVALID_INPUT, `${field} ${problem}`);
}
