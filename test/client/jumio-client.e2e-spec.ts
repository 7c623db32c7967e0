import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { JumioClient } from '@app/jumio/jumio/jumio.client';
import type { NetverifyInitiateRequest } from '@app/jumio/jumio/jumio-api.types';
import { JumioError, JumioErrorCode } from '@app/jumio/common/jumio.error';
import type { JumioModuleOptions } from '@app/jumio/options/jumio.options';
import { resolveJumioSettings } from '@app/jumio/option-validation/resolve-jumio-settings';

/** One request as the fake Jumio saw it. */
interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

const API_TOKEN = 'token-4f1c9a';
const API_SECRET = 'secret-9b2e7d-never-in-messages';
const USER_AGENT = 'Example Bank Onboarding/1.2.3';
const REFERENCE = 'a1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b';
const PERSONAL_DATA = 'Maximilian Mustermann';
const SENSITIVE = [API_SECRET, API_TOKEN, PERSONAL_DATA, 'cir-7781', 'user-5521', REFERENCE];

const initiateBody: NetverifyInitiateRequest = {
  customerInternalReference: 'cir-7781',
  userReference: 'user-5521',
  successUrl: 'https://bank.example/jumio/success',
  errorUrl: 'https://bank.example/jumio/error',
  callbackUrl: 'https://bank.example/api/jumio/callback/t0k3n',
  workflowId: 200,
  presets: [{ index: 1, country: 'AUT', type: 'PASSPORT' }],
  locale: 'de-AT',
  tokenLifetimeInMinutes: 30,
};

describe('JumioClient against a real HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let seen: SeenRequest[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const record: SeenRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        seen.push(record);
        handler(record, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen = [];
    handler = (_request, response) => json(response, 500, {});
  });

  /** Each Jumio host gets its own path prefix on the one server, so tests see which host was called. */
  function client(overrides: Partial<JumioModuleOptions> = {}): JumioClient {
    return new JumioClient(
      resolveJumioSettings({
        apiToken: API_TOKEN,
        apiSecret: API_SECRET,
        userAgent: USER_AGENT,
        callbackBaseUrl: 'https://bank.example/api',
        netverifyUrl: `${baseUrl}/nv/`,
        uploadUrl: `${baseUrl}/upload`,
        retrievalUrl: `${baseUrl}/retrieval`,
        requestTimeoutMs: 2_000,
        ...overrides,
      }),
    );
  }

  describe('successful calls', () => {
    it('initiates Netverify with Basic auth, Jumio headers and the JSON body', async () => {
      const answer = {
        timestamp: '2024-05-02T10:11:12.345Z',
        transactionReference: REFERENCE,
        redirectUrl: 'https://bank.netverify.com/web/v4/app?locale=de-AT&authorizationToken=xyz',
      };
      handler = (_request, response) => json(response, 200, answer);

      await expect(client().initiateNetverify(initiateBody)).resolves.toEqual(answer);

      expect(seen).toHaveLength(1);
      const [request] = seen;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/nv/api/v4/initiate');
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from(`${API_TOKEN}:${API_SECRET}`).toString('base64')}`,
      );
      expect(request.headers['user-agent']).toBe(USER_AGENT);
      expect(request.headers.accept).toBe('application/json');
      expect(request.headers['content-type']).toMatch(/^application\/json\b/);
      expect(Number(request.headers['content-length'])).toBe(Buffer.byteLength(request.body));
      expect(JSON.parse(request.body)).toEqual(initiateBody);
    });

    it('creates a DV acquisition on the upload host', async () => {
      const body = {
        type: 'UB',
        country: 'AUT',
        merchantScanReference: 'msr-1',
        customerId: 'user-5521',
        successUrl: 'https://bank.example/s',
        errorUrl: 'https://bank.example/e',
        callbackUrl: 'https://bank.example/cb',
        enableExtraction: true,
        authorizationTokenLifetime: 1800,
        locale: 'de_AT',
      };
      const answer = {
        scanReference: REFERENCE,
        clientRedirectUrl:
          'https://upload.netverify.com/api/netverify/v2/acquisitions?initiationToken=t',
      };
      handler = (_request, response) => json(response, 200, answer);

      await expect(client().createAcquisition(body)).resolves.toEqual(answer);

      expect(seen[0].method).toBe('POST');
      expect(seen[0].url).toBe('/upload/api/netverify/v2/acquisitions');
      expect(JSON.parse(seen[0].body)).toEqual(body);
    });

    it.each([
      ['getNetverifyScanStatus', `/nv/api/netverify/v2/scans/${REFERENCE}`, { status: 'DONE' }],
      ['getNetverifyScanData', `/nv/api/netverify/v2/scans/${REFERENCE}/data`, { document: {} }],
      [
        'getDocumentStatus',
        `/retrieval/api/netverify/v2/documents/${REFERENCE}`,
        { status: 'DONE' },
      ],
      [
        'getDocumentData',
        `/retrieval/api/netverify/v2/documents/${REFERENCE}/data`,
        { document: {} },
      ],
    ] as const)('%s GETs %s', async (method, path, extra) => {
      const answer = { timestamp: '2024-05-02T10:11:12.3Z', scanReference: REFERENCE, ...extra };
      handler = (_request, response) => json(response, 200, answer);

      await expect(client()[method](REFERENCE)).resolves.toEqual(answer);

      const [request] = seen;
      expect(request.method).toBe('GET');
      expect(request.url).toBe(path);
      expect(request.headers.accept).toBe('application/json');
      expect(request.headers['user-agent']).toBe(USER_AGENT);
      expect(request.headers.authorization).toMatch(/^Basic /);
      expect(request.headers['content-type']).toBeUndefined();
      expect(request.body).toBe('');
    });

    it.each([
      ['deleteNetverifyScan', `/nv/api/netverify/v2/scans/${REFERENCE}`],
      ['deleteDocument', `/retrieval/api/netverify/v2/documents/${REFERENCE}`],
    ] as const)('%s DELETEs %s and accepts an empty 200', async (method, path) => {
      handler = (_request, response) => response.writeHead(200).end();

      await expect(client()[method](REFERENCE)).resolves.toBeUndefined();

      expect(seen[0].method).toBe('DELETE');
      expect(seen[0].url).toBe(path);
    });
  });

  describe('credentials per API (least privilege)', () => {
    const basic = (token: string, secret: string) =>
      `Basic ${Buffer.from(`${token}:${secret}`).toString('base64')}`;
    const RETRIEVAL = {
      retrievalApiToken: 'retrieval-token-51',
      retrievalApiSecret: 'r-secret-77',
    };

    it('starts with the API pair; retrieves and deletes with the separate pair when configured', async () => {
      handler = (request, response) =>
        request.method === 'DELETE'
          ? response.writeHead(200).end()
          : json(response, 200, {
              timestamp: '2024-05-02T10:11:12.3Z',
              transactionReference: REFERENCE,
              scanReference: REFERENCE,
              redirectUrl: 'https://bank.netverify.com/web/v4/app?authorizationToken=xyz',
              status: 'DONE',
            });
      const jumio = client(RETRIEVAL);
      await jumio.initiateNetverify(initiateBody);
      await jumio.getNetverifyScanStatus(REFERENCE);
      await jumio.getDocumentStatus(REFERENCE);
      await jumio.deleteNetverifyScan(REFERENCE);
      await jumio.deleteDocument(REFERENCE);

      expect(seen.map((request) => [request.method, request.headers.authorization])).toEqual([
        ['POST', basic(API_TOKEN, API_SECRET)],
        ['GET', basic(RETRIEVAL.retrievalApiToken, RETRIEVAL.retrievalApiSecret)],
        ['GET', basic(RETRIEVAL.retrievalApiToken, RETRIEVAL.retrievalApiSecret)],
        ['DELETE', basic(RETRIEVAL.retrievalApiToken, RETRIEVAL.retrievalApiSecret)],
        ['DELETE', basic(RETRIEVAL.retrievalApiToken, RETRIEVAL.retrievalApiSecret)],
      ]);
    });

    it('uses the one API pair for everything without a separate pair', async () => {
      handler = (_request, response) =>
        json(response, 200, {
          timestamp: '2024-05-02T10:11:12.3Z',
          scanReference: REFERENCE,
          status: 'DONE',
        });
      await client().getNetverifyScanStatus(REFERENCE);
      expect(seen[0].headers.authorization).toBe(basic(API_TOKEN, API_SECRET));
    });
    // Half a pair is refused at start-up, before any client exists (module-startup-options.e2e-spec.ts).
  });

  describe('references', () => {
    it.each([
      ['a path traversal', '../../api/v4/initiate'],
      ['a space', 'abc def'],
      ['37 characters', 'a'.repeat(37)],
      ['an empty string', ''],
      ['a query', 'abc?x=1'],
    ])('refuses %s before sending anything', async (_label, reference) => {
      const failure = await caught(client().getNetverifyScanData(reference));
      expect(failure.code).toBe(JumioErrorCode.INVALID_INPUT);
      expect(seen).toHaveLength(0);
    });
  });

  describe('HTTP failures', () => {
    it('maps a 400 to JUMIO_REQUEST_REJECTED, naming method, path and status only', async () => {
      handler = (_request, response) =>
        json(response, 400, { message: `bad name ${PERSONAL_DATA}` });

      const failure = await caught(client().initiateNetverify(initiateBody));

      expect(failure.code).toBe(JumioErrorCode.JUMIO_REQUEST_REJECTED);
      expect(failure.upstreamStatus).toBe(400);
      expect(failure.message).toContain('POST');
      expect(failure.message).toContain('/api/v4/initiate');
      expect(failure.message).toContain('400');
    });

    it.each([401, 403])('maps a %i to JUMIO_AUTH_FAILED', async (status) => {
      handler = (_request, response) => json(response, status, { error: 'Forbidden' });
      const failure = await caught(client().createAcquisition(acquisitionBody()));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_AUTH_FAILED);
      expect(failure.upstreamStatus).toBe(status);
    });

    it('maps a 404 to JUMIO_NOT_FOUND and shows the path template, not the reference', async () => {
      handler = (_request, response) => json(response, 404, {});
      const failure = await caught(client().getDocumentData(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_NOT_FOUND);
      expect(failure.message).toContain('/api/netverify/v2/documents/:scanReference/data');
    });

    it('maps a 404 on delete to JUMIO_NOT_FOUND', async () => {
      handler = (_request, response) => json(response, 404, {});
      const failure = await caught(client().deleteNetverifyScan(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_NOT_FOUND);
    });

    it('maps a 429 to JUMIO_RATE_LIMITED with Retry-After in seconds', async () => {
      handler = (_request, response) =>
        json(response, 429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '7' });
      const failure = await caught(client().getNetverifyScanStatus(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_RATE_LIMITED);
      expect(failure.retryAfterSeconds).toBe(7);
    });

    it('reads a Retry-After given as an HTTP date', async () => {
      const later = new Date(Date.now() + 120_000).toUTCString();
      handler = (_request, response) => json(response, 429, {}, { 'Retry-After': later });
      const failure = await caught(client().getNetverifyScanStatus(REFERENCE));
      expect(failure.retryAfterSeconds).toBeGreaterThanOrEqual(118);
      expect(failure.retryAfterSeconds).toBeLessThanOrEqual(121);
    });

    it('leaves retryAfterSeconds undefined without a Retry-After header', async () => {
      handler = (_request, response) => json(response, 429, {});
      const failure = await caught(client().getNetverifyScanStatus(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_RATE_LIMITED);
      expect(failure.retryAfterSeconds).toBeUndefined();
    });

    it.each([500, 502, 503])('maps a %i to JUMIO_UNAVAILABLE', async (status) => {
      handler = (_request, response) =>
        response.writeHead(status).end(`<html>${PERSONAL_DATA}</html>`);
      const failure = await caught(client().initiateNetverify(initiateBody));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_UNAVAILABLE);
      expect(failure.upstreamStatus).toBe(status);
    });

    it('does not follow a redirect (it would carry our credentials elsewhere)', async () => {
      handler = (request, response) => {
        if (request.url.startsWith('/elsewhere')) return json(response, 200, {});
        response.writeHead(302, { Location: `${baseUrl}/elsewhere` }).end();
      };
      const failure = await caught(client().getNetverifyScanStatus(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(seen.map((request) => request.url)).not.toContainEqual(
        expect.stringContaining('elsewhere'),
      );
    });
  });

  describe('egress proxy', () => {
    // Banks' servers often reach the internet only through a forward proxy named by the environment.
    it('sends Jumio calls through the proxy named by HTTP_PROXY, as an absolute URL', async () => {
      handler = (_request, response) =>
        json(response, 200, {
          timestamp: '2024-05-02T10:11:12.3Z',
          scanReference: REFERENCE,
          status: 'DONE',
        });
      const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
      process.env.HTTP_PROXY = baseUrl; // the fake Jumio server plays the proxy
      delete process.env.NO_PROXY;
      try {
        await client({ retrievalUrl: 'http://retrieval.jumio.test/retrieval' }).getDocumentStatus(
          REFERENCE,
        );
      } finally {
        for (const [name, value] of Object.entries(saved))
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
      }
      expect(seen.map((request) => request.url)).toEqual([
        `http://retrieval.jumio.test/retrieval/api/netverify/v2/documents/${REFERENCE}`,
      ]);
    });
  });

  describe('transport failures', () => {
    it('gives up quickly when Jumio does not answer', async () => {
      handler = () => undefined; // never answers
      const started = Date.now();
      const failure = await caught(
        client({ requestTimeoutMs: 200 }).initiateNetverify(initiateBody),
      );
      expect(failure.code).toBe(JumioErrorCode.JUMIO_UNAVAILABLE);
      expect(failure.message).toContain('200 ms');
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('gives up quickly when Jumio sends headers and then stalls the body', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 50); // keeps the socket busy, never ends
        response.on('close', () => clearInterval(timer));
      };
      const started = Date.now();
      const failure = await caught(
        client({ requestTimeoutMs: 300 }).getNetverifyScanData(REFERENCE),
      );
      expect(failure.code).toBe(JumioErrorCode.JUMIO_UNAVAILABLE);
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('maps a refused connection to JUMIO_UNAVAILABLE', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      const failure = await caught(
        client({ netverifyUrl: `http://127.0.0.1:${port}` }).getNetverifyScanStatus(REFERENCE),
      );
      expect(failure.code).toBe(JumioErrorCode.JUMIO_UNAVAILABLE);
      expect(failure.message).toContain('ECONNREFUSED');
    });
  });

  describe('malformed answers', () => {
    it('refuses an answer over 2 MB while reading it', async () => {
      handler = (_request, response) =>
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(`{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`);
      const failure = await caught(client().getNetverifyScanData(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('could not be read');
    });

    it('maps a 200 that is not JSON to JUMIO_BAD_RESPONSE', async () => {
      handler = (_request, response) => response.writeHead(200).end(`{"name":"${PERSONAL_DATA}"`);
      const failure = await caught(client().getNetverifyScanData(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('not JSON');
    });

    it('maps JSON that is not an object to JUMIO_BAD_RESPONSE', async () => {
      handler = (_request, response) => json(response, 200, [PERSONAL_DATA]);
      const failure = await caught(client().getDocumentData(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
    });

    it('names a missing required field', async () => {
      handler = (_request, response) =>
        json(response, 200, { timestamp: '2024-05-02T10:11:12Z', transactionReference: REFERENCE });
      const failure = await caught(client().initiateNetverify(initiateBody));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('"redirectUrl"');
    });

    it('names a required field of the wrong type', async () => {
      handler = (_request, response) =>
        json(response, 200, { scanReference: REFERENCE, status: 3 });
      const failure = await caught(client().getDocumentStatus(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('"status"');
    });

    it('refuses a new transaction whose reference is not Jumio-shaped', async () => {
      handler = (_request, response) =>
        json(response, 200, {
          scanReference: '../x',
          clientRedirectUrl: 'https://upload.netverify.com/x',
        });
      const failure = await caught(client().createAcquisition(acquisitionBody()));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('"scanReference"');
    });

    it('refuses a nested part that is not an object', async () => {
      handler = (_request, response) =>
        json(response, 200, { scanReference: REFERENCE, document: PERSONAL_DATA });
      const failure = await caught(client().getNetverifyScanData(REFERENCE));
      expect(failure.code).toBe(JumioErrorCode.JUMIO_BAD_RESPONSE);
      expect(failure.message).toContain('"document"');
    });
  });
});

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}

function acquisitionBody() {
  return { type: 'BS', country: 'AUT', merchantScanReference: 'cir-7781', customerId: 'user-5521' };
}

/**
 * Awaits a call that must fail with a JumioError, and checks what every such error owes operators and
 * users: no credentials, no request or response body values, no reference in its message or anywhere
 * in its inspected form (so no axios error with our config rides along as a cause).
 */
async function caught(call: Promise<unknown>): Promise<JumioError> {
  const failure = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(JumioError);
  const inspected = inspect(failure, { depth: 10, showHidden: true });
  for (const sensitive of SENSITIVE) {
    expect(inspected).not.toContain(sensitive);
  }
  return failure as JumioError;
}
