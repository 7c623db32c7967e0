/** The public route Jumio posts callbacks to; the last path segment is the transaction's token. */
export const CALLBACK_ROUTE = 'api/jumio/callback';

/** Jumio's limit for callbackUrl (jumio-api.md §2, §4.1). */
const MAX_CALLBACK_URL_LENGTH = 255;
/** base64url of 32 random bytes. */
const TOKEN_LENGTH = 43;

export function callbackUrlFor(callbackBaseUrl: string, token: string): string {
  return `${trimSlashes(callbackBaseUrl)}/${CALLBACK_ROUTE}/${token}`;
}

/**
 * Fails at start-up when the configured base URL cannot produce a callback URL Jumio accepts: absolute
 * http(s) (https unless sandbox) and at most 255 characters including the route and the token.
 */
export function assertCallbackBaseUrl(callbackBaseUrl: string, sandbox: boolean): void {
  let url: URL;
  try {
    url = new URL(callbackBaseUrl);
  } catch {
    throw new Error('JumioModule: callbackBaseUrl must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(sandbox && url.protocol === 'http:')) {
    throw new Error('JumioModule: callbackBaseUrl must use https (http only with sandbox: true)');
  }
  const length = callbackUrlFor(callbackBaseUrl, 'x'.repeat(TOKEN_LENGTH)).length;
  if (length > MAX_CALLBACK_URL_LENGTH) {
    throw new Error(
      `JumioModule: callbackBaseUrl is too long: callback URLs would be ${length} characters, Jumio accepts ${MAX_CALLBACK_URL_LENGTH}`,
    );
  }
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
