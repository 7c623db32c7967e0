import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SandboxHttpError } from './http-io';

export interface ApiCredentials {
  apiToken: string;
  apiSecret: string;
}

export interface ApiRequestRules {
  /** `json`: a JSON POST (Content-Type and Content-Length required). */
  body: 'json' | 'none';
  /** What the `Accept` header must ask for. */
  accept: 'json' | 'image';
}

/**
 * Jumio's header rules for every API call (jumio-api.md §1.2): User-Agent, HTTP Basic, Accept, and for
 * JSON POSTs Content-Type and Content-Length.
 * Jumio documents 403 for missing headers and also for a missing Basic header; the sandbox answers 401
 * for missing or wrong credentials (the usual HTTP meaning, as the project asked) and 403 for the rest.
 */
export function assertApiRequest(
  req: IncomingMessage,
  credentials: ApiCredentials,
  rules: ApiRequestRules,
): void {
  if (!req.headers['user-agent']?.trim()) {
    throw new SandboxHttpError(403, 'User-Agent header is required');
  }
  if (!hasValidBasicAuth(req.headers.authorization, credentials)) {
    throw new SandboxHttpError(401, 'Authorization: valid HTTP Basic credentials are required', {
      'WWW-Authenticate': 'Basic realm="Jumio SANDBOX"',
    });
  }
  const accept = (req.headers.accept ?? '').toLowerCase();
  if (rules.accept === 'json' && !accept.includes('application/json')) {
    throw new SandboxHttpError(403, 'Accept header must be application/json');
  }
  if (rules.accept === 'image' && !accept.includes('image/')) {
    throw new SandboxHttpError(403, 'Accept header must be image/jpeg, image/png');
  }
  if (rules.body === 'json') {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw new SandboxHttpError(403, 'Content-Type header must be application/json');
    }
    if (req.headers['content-length'] === undefined) {
      throw new SandboxHttpError(403, 'Content-Length header is required');
    }
  }
}

function hasValidBasicAuth(header: string | undefined, expected: ApiCredentials): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return false;
  // Both comparisons always run, on fixed-length digests, so timing reveals nothing.
  const tokenOk = sameSecret(decoded.slice(0, separator), expected.apiToken);
  const secretOk = sameSecret(decoded.slice(separator + 1), expected.apiSecret);
  return tokenOk && secretOk;
}

function sameSecret(actual: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected));
}
