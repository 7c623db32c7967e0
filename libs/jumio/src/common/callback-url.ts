import { isIpHost, parseAbsoluteUrl } from '../options/option-checks';

/** The public route Jumio posts callbacks to; the last path segment is the transaction's token. */
export const CALLBACK_ROUTE = 'api/jumio/callback';

/** Jumio's limit for callbackUrl (jumio-api.md §2, §4.1). */
const MAX_CALLBACK_URL_LENGTH = 255;
/** base64url of 32 random bytes. */
const TOKEN_LENGTH = 43;

/** `<base>/<routePrefix>/api/jumio/callback/<token>`; `routePrefix` is the host's global prefix, if any. */
export function callbackUrlFor(callbackBaseUrl: string, token: string, routePrefix = ''): string {
  const prefix = routePrefix.replace(/^\/+|\/+$/g, '');
  return [callbackBaseUrl.replace(/\/+$/, ''), prefix, CALLBACK_ROUTE, token]
    .filter((part) => part !== '')
    .join('/');
}

/**
 * What makes Jumio refuse the callback URLs this base URL produces (portal-settings, jumio-legacy-
 * corrections #11): an absolute https URL with a domain name, no port, no credentials, no query or
 * fragment (the token is the last path segment), at most 255 characters with the route and the token.
 * The sandbox also accepts http, IP hosts and ports (local development).
 */
export function callbackBaseUrlProblems(
  callbackBaseUrl: unknown,
  sandbox: boolean,
  routePrefix = '',
): string[] {
  const url = parseAbsoluteUrl('callbackBaseUrl', callbackBaseUrl);
  if (typeof url === 'string') return [url];
  const problems: string[] = [];
  const refuse = (problem: string) => problems.push(`callbackBaseUrl ${problem}`);
  if (url.protocol !== 'https:' && !(sandbox && url.protocol === 'http:')) {
    refuse('must use https (http only with sandbox: true)');
  }
  if (url.username || url.password) refuse('must not contain credentials');
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(callbackBaseUrl as string)) {
    refuse('must not contain a query or a fragment: Jumio refuses them in callback URLs');
  }
  if (!sandbox && url.port !== '') refuse('must not contain a port: Jumio refuses it');
  if (!sandbox && isIpHost(url)) refuse('must use a domain name, not an IP address');
  const length = callbackUrlFor(
    callbackBaseUrl as string,
    'x'.repeat(TOKEN_LENGTH),
    routePrefix,
  ).length;
  if (length > MAX_CALLBACK_URL_LENGTH) {
    refuse(
      `is too long: callback URLs${routePrefix ? ` (with the global prefix "${routePrefix}")` : ''} would be ${length} characters, Jumio accepts ${MAX_CALLBACK_URL_LENGTH}`,
    );
  }
  return problems;
}
