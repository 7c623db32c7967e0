import { isIP } from 'node:net';
import { invalid } from './json-fields';

export interface JumioUrlRule {
  maxLength: number;
  /**
   * `none`: Document Verification allows no query at all; `no-jumio-params`: Netverify forbids only the
   * parameters it appends itself (jumio-api.md §1.3).
   */
  query: 'none' | 'no-jumio-params';
}

/** Query parameters Jumio appends to Netverify v4 success/error URLs (jumio-api.md §2). */
const NETVERIFY_REDIRECT_PARAMS = [
  'transactionStatus',
  'customerInternalReference',
  'transactionReference',
  'errorCode',
];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * successUrl / errorUrl / callbackUrl rules: absolute ASCII URL, HTTPS, no IP host, no port, no
 * fragment, no credentials. The one deliberate relaxation: loopback hosts (localhost, 127.0.0.1, ::1)
 * may use http and a port, so that tests and the demo can receive redirects and callbacks locally.
 */
export function assertJumioUrl(field: string, value: string, rule: JumioUrlRule): void {
  if (value.length > rule.maxLength)
    throw invalid(field, `must be at most ${rule.maxLength} characters`);
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw invalid(field, 'must be an ASCII URL (use punycode for international domains)');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, 'must be a valid absolute URL');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
    throw invalid(field, 'must use https');
  }
  if (value.includes('#')) throw invalid(field, 'must not contain a fragment');
  if (url.username || url.password) throw invalid(field, 'must not contain credentials');
  if (!loopback && url.port !== '') throw invalid(field, 'must not contain a port');
  if (!loopback && isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    throw invalid(field, 'must use a domain name, not an IP address');
  }
  if (rule.query === 'none' && url.search !== '') {
    throw invalid(field, 'must not contain query parameters');
  }
  if (rule.query === 'no-jumio-params') {
    const reserved = NETVERIFY_REDIRECT_PARAMS.find((name) => url.searchParams.has(name));
    if (reserved)
      throw invalid(field, `must not contain the query parameter ${reserved}, Jumio sets it`);
  }
}
