import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readBody, sendJson, SandboxHttpError } from '../http/http-io';
import type { Route } from '../http/router';

export interface KyxClientCredentials {
  clientId: string;
  clientSecret: string;
}

const TOKEN_BODY_LIMIT_BYTES = 4096;

/**
 * OAuth2 client credentials as KYX does them (jumio-kyx.md §2.2): `POST /oauth2/token` with a form body
 * `grant_type=client_credentials` and HTTP Basic client credentials; `{access_token, expires_in,
 * token_type: "Bearer"}`. Issued tokens expire after `lifetimeSeconds`; the control can expire them early.
 */
export class KyxOAuth {
  private readonly tokens = new Map<string, number>();
  private issued = 0;

  constructor(
    private readonly credentials: KyxClientCredentials,
    public lifetimeSeconds: number,
  ) {}

  /** How many access tokens were issued so far. */
  get issuedCount(): number {
    return this.issued;
  }

  /** Every issued token stops working now (as after its 60 minutes). */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        path: '/oauth2/token',
        group: 'oauth',
        handle: async ({ req, res }) => {
          const contentType = (req.headers['content-type'] ?? '').toLowerCase();
          const body = await readBody(req, TOKEN_BODY_LIMIT_BYTES);
          if (!contentType.startsWith('application/x-www-form-urlencoded')) {
            return oauthError(
              res,
              400,
              'invalid_request',
              'Content-Type must be application/x-www-form-urlencoded',
            );
          }
          const form = new URLSearchParams(body.toString('utf8'));
          if (!this.hasValidClient(req.headers.authorization)) {
            return oauthError(
              res,
              401,
              'invalid_client',
              'HTTP Basic client credentials are required',
              {
                'WWW-Authenticate': 'Basic realm="Jumio SANDBOX"',
              },
            );
          }
          if (form.get('grant_type') !== 'client_credentials') {
            return oauthError(
              res,
              400,
              'unsupported_grant_type',
              'grant_type must be client_credentials',
            );
          }
          const token = randomBytes(32).toString('base64url');
          this.tokens.set(token, Date.now() + this.lifetimeSeconds * 1000);
          this.issued += 1;
          sendJson(
            res,
            200,
            { access_token: token, expires_in: this.lifetimeSeconds, token_type: 'Bearer' },
            { 'Cache-Control': 'no-store' },
          );
        },
      },
    ];
  }

  /** KYX API calls: a live bearer token and a User-Agent (403 for missing headers, like Jumio). */
  assertBearer(req: IncomingMessage): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const expiresAt = match ? this.tokens.get(match[1]) : undefined;
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      const problem = match
        ? 'the access token is unknown or expired'
        : 'a Bearer access token is required';
      throw new SandboxHttpError(401, `Authorization: ${problem}`, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (!req.headers['user-agent']?.trim()) {
      throw new SandboxHttpError(403, 'User-Agent header is required');
    }
  }

  private hasValidClient(header: string | undefined): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return false;
    const idOk = sameSecret(decoded.slice(0, separator), this.credentials.clientId);
    const secretOk = sameSecret(decoded.slice(separator + 1), this.credentials.clientSecret);
    return idOk && secretOk;
  }
}

function sameSecret(actual: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected));
}

function oauthError(
  res: Parameters<typeof sendJson>[0],
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, error_description: description }, headers);
}
