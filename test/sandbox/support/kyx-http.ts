import { send, type HttpAnswer } from './sandbox-http';

export const KYX_CLIENT = { id: 'kyx-test-client', secret: 'kyx-test-secret' };
const USER_AGENT = 'Example Corp SandboxTests/1.0';

/** `POST /oauth2/token` as the module does it: form body, HTTP Basic client credentials. */
export function requestToken(
  base: string,
  options: { id?: string; secret?: string; body?: string; contentType?: string } = {},
): Promise<HttpAnswer> {
  const basic = Buffer.from(
    `${options.id ?? KYX_CLIENT.id}:${options.secret ?? KYX_CLIENT.secret}`,
  ).toString('base64');
  return send({
    method: 'POST',
    url: `${base}/oauth2/token`,
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    },
    body: options.body ?? 'grant_type=client_credentials',
  });
}

export async function accessToken(base: string): Promise<string> {
  return (await requestToken(base)).json<{ access_token: string }>().access_token;
}

/** A KYX API call with bearer token and User-Agent (and a JSON body when given). */
export function kyxCall(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<HttpAnswer> {
  return send({
    method,
    url: `${base}${path}`,
    headers: {
      Authorization: `Bearer ${token}`,
      'User-Agent': USER_AGENT,
      Accept: 'application/json',
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface AccountAnswer {
  timestamp: string;
  account: { id: string };
  web: { href: string; successUrl?: string; errorUrl?: string };
  sdk: { token: string };
  workflowExecution: { id: string; credentials: { id: string; category: string }[] };
}

/** A POI (10011) account body. */
export function idAccountBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerInternalReference: `cir-${Math.random().toString(36).slice(2)}`,
    userReference: 'user-ref-1',
    workflowDefinition: { key: 10011 },
    web: { successUrl: 'http://localhost/ok', errorUrl: 'http://localhost/error' },
    ...overrides,
  };
}

/** A DocV (10026) account body with one DOCUMENT credential. */
export function documentAccountBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return idAccountBody({
    workflowDefinition: {
      key: 10026,
      credentials: [
        {
          category: 'DOCUMENT',
          country: { predefinedType: 'DEFINED', values: ['GBR'] },
          type: { predefinedType: 'DEFINED', values: ['UB'] },
        },
      ],
    },
    ...overrides,
  });
}
