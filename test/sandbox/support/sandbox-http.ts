import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface HttpCall {
  method?: string;
  /** Absolute URL, or a path joined to `base`. */
  url: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * A raw HTTP call with exactly the given headers (fetch would add a User-Agent of its own, and the
 * sandbox's 403-without-User-Agent rule needs a client that sends none).
 */
export function send(call: HttpCall): Promise<HttpAnswer> {
  const headers = Object.fromEntries(
    Object.entries(call.headers ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  if (call.body !== undefined) headers['Content-Length'] ??= String(Buffer.byteLength(call.body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      call.url,
      { method: call.method ?? 'GET', headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
        response.on('error', reject);
      },
    );
    if (call.timeoutMs) {
      request.setTimeout(call.timeoutMs, () =>
        request.destroy(new Error(`client timeout after ${call.timeoutMs} ms`)),
      );
    }
    request.on('error', reject);
    request.end(call.body);
  });
}

export const CREDENTIALS = { token: 'test-token', secret: 'test-secret' };

export function basicAuth(token = CREDENTIALS.token, secret = CREDENTIALS.secret): string {
  return `Basic ${Buffer.from(`${token}:${secret}`).toString('base64')}`;
}

/** The headers Jumio requires on a JSON POST (jumio-api.md §1.2). */
export function jumioJsonHeaders(overrides: Record<string, string | undefined> = {}) {
  return {
    Authorization: basicAuth(),
    'User-Agent': 'Example Corp SandboxTests/1.0',
    Accept: 'application/json',
    'Content-Type': 'application/json',
    ...overrides,
  };
}

/** The headers Jumio requires on GET and DELETE. */
export function jumioGetHeaders(overrides: Record<string, string | undefined> = {}) {
  return {
    Authorization: basicAuth(),
    'User-Agent': 'Example Corp SandboxTests/1.0',
    Accept: 'application/json',
    ...overrides,
  };
}

export function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<HttpAnswer> {
  return send({
    method: 'POST',
    url: `${base}${path}`,
    headers: jumioJsonHeaders(headers),
    body: JSON.stringify(body),
  });
}

export function getJson(
  base: string,
  path: string,
  headers: Record<string, string | undefined> = {},
) {
  return send({ url: `${base}${path}`, headers: jumioGetHeaders(headers) });
}
