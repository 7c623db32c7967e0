import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { JumioError, JumioErrorCode } from '@app/jumio/common/jumio.error';
import type { KyxAccountRequest } from '@app/jumio/jumio/kyx/kyx-api.types';
import { KyxClient, type KyxClientSettings } from '@app/jumio/jumio/kyx/kyx.client';
import { resolveKyxHosts } from '@app/jumio/jumio/kyx/kyx-hosts';

const CLIENT_ID = 'kyx-client-7f3a';
const CLIENT_SECRET = 'kyx-secret-never-in-messages-91c2';
const USER_AGENT = 'Example Bank Onboarding/1.2.3';

const poiBody = (callbackUrl?: string): KyxAccountRequest => ({
  customerInternalReference: `cir-${Math.random().toString(36).slice(2)}`,
  userReference: 'user-5521',
  callbackUrl: callbackUrl ?? 'https://bank.example/api/jumio/callback/t0k3n',
  workflowDefinition: { key: 10011 },
  web: { successUrl: 'https://bank.example/ok', errorUrl: 'https://bank.example/error' },
});

const poaBody = (): KyxAccountRequest => ({
  ...poiBody(),
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
});

describe('KyxClient against the sandbox over HTTP', () => {
  let sandbox: JumioSandbox;
  const settings = (overrides: Partial<KyxClientSettings> = {}): KyxClientSettings => ({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    userAgent: USER_AGENT,
    hosts: resolveKyxHosts('EU', {
      authUrl: sandbox.url,
      accountUrl: sandbox.url,
      retrievalUrl: sandbox.url,
    }),
    requestTimeoutMs: 2000,
    resilience: { retryInitialDelayMs: 10, retryMaxDelayMs: 20, deadlineMs: 5000 },
    // Paced as in the module's test apps (room for ten starts at once); test/resilience/kyx-pacing covers the limits.
    pacing: { startsPerWindow: 50, retrievalsPerWindow: 750 },
    ...overrides,
  });

  beforeAll(async () => {
    sandbox = await startJumioSandbox({
      port: 0,
      callbackDelayMs: 0,
      kyxClientId: CLIENT_ID,
      kyxClientSecret: CLIENT_SECRET,
      logger: () => undefined,
    });
  });
  afterEach(() => {
    sandbox.control.reset();
    sandbox.kyx.setAccessTokenLifetime(3600);
  });
  afterAll(() => sandbox.close());

  it('maps data centres to KYX regions, each host overridable', () => {
    expect(resolveKyxHosts('US', {})).toEqual({
      authUrl: 'https://auth.amer-1.jumio.ai',
      accountUrl: 'https://account.amer-1.jumio.ai',
      retrievalUrl: 'https://retrieval.amer-1.jumio.ai',
    });
    expect(resolveKyxHosts('EU', {}).authUrl).toBe('https://auth.emea-1.jumio.ai');
    expect(resolveKyxHosts('SG', { retrievalUrl: 'http://127.0.0.1:4010/' }).retrievalUrl).toBe(
      'http://127.0.0.1:4010',
    );
  });

  it('ten concurrent account creations share one OAuth token', async () => {
    const client = new KyxClient(settings());
    const before = sandbox.kyx.accessTokensIssued();
    const created = await Promise.all(
      Array.from({ length: 10 }, () => client.createAccount(poiBody())),
    );
    expect(new Set(created.map((answer) => answer.account.id)).size).toBe(10);
    expect(sandbox.kyx.accessTokensIssued() - before).toBe(1);
  });

  it('creates, updates, reads status and details, and deletes an account', async () => {
    const client = new KyxClient(settings());
    const created = await client.createAccount(poiBody());
    expect(created.web?.href).toContain('/kyx/web/v4/app');
    expect(created.sdk?.token).toBeTruthy();
    const second = await client.updateAccount(created.account.id, poaBody());
    expect(second.account.id).toBe(created.account.id);

    const status = await client.getWorkflowStatus(created.account.id, created.workflowExecution.id);
    expect(status.workflowExecution.status).toBe('INITIATED');

    sandbox.kyx.setOutcome({ workflowExecutionId: second.workflowExecution.id }, 'EXTRACTED');
    await fetch(`${sandbox.url}/sandbox/kyx/sdk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sdkToken: second.sdk?.token, dataCenter: 'EU' }),
    });
    await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId: second.workflowExecution.id });
    const details = await client.getWorkflowDetails(
      created.account.id,
      second.workflowExecution.id,
    );
    expect(details.workflow).toMatchObject({ status: 'PROCESSED', definitionKey: '10026' });
    expect(details.capabilities?.extraction?.[0].decision?.type).toBe('PASSED');

    await client.deleteAccount(created.account.id);
    const gone = await client
      .getWorkflowStatus(created.account.id, created.workflowExecution.id)
      .catch((error: unknown) => error);
    expect(gone).toMatchObject({ code: JumioErrorCode.JUMIO_NOT_FOUND });
  });

  it('a refused (expired) token is replaced once and the call goes through', async () => {
    const client = new KyxClient(settings());
    await client.createAccount(poiBody());
    const before = sandbox.kyx.accessTokensIssued();
    sandbox.kyx.expireAccessTokens();
    await client.createAccount(poiBody());
    expect(sandbox.kyx.accessTokensIssued() - before).toBe(1);
  });

  it('renews a token before it expires', async () => {
    sandbox.kyx.setAccessTokenLifetime(2);
    const client = new KyxClient(settings());
    await client.createAccount(poiBody());
    const before = sandbox.kyx.accessTokensIssued();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.createAccount(poiBody());
    expect(sandbox.kyx.accessTokensIssued() - before).toBe(1);
  });

  it('wrong client credentials: JUMIO_AUTH_FAILED without the secret in the error', async () => {
    const client = new KyxClient(settings({ clientSecret: 'wrong-secret-123' }));
    const error = await client.createAccount(poiBody()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JumioError);
    expect(error).toMatchObject({ code: JumioErrorCode.JUMIO_AUTH_FAILED, upstreamStatus: 401 });
    expect((error as Error).message).toContain('/oauth2/token');
    expect(inspect(error)).not.toContain('wrong-secret-123');
  });

  it('a rejected body is JUMIO_REQUEST_REJECTED; an id of the wrong shape never leaves', async () => {
    const client = new KyxClient(settings());
    const bad = { ...poiBody(), workflowDefinition: { key: 42 } };
    await expect(client.createAccount(bad)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_REQUEST_REJECTED,
      upstreamStatus: 400,
    });
    await expect(client.getWorkflowStatus('../../x', 'y')).rejects.toMatchObject({
      code: JumioErrorCode.INVALID_INPUT,
    });
  });

  it('retries reads on 5xx but never a billed account creation', async () => {
    const client = new KyxClient(settings());
    const created = await client.createAccount(poiBody());
    sandbox.control.setFault({ group: 'retrieval', kind: 503, times: 1 });
    const status = await client.getWorkflowStatus(created.account.id, created.workflowExecution.id);
    expect(status.workflowExecution.status).toBe('INITIATED');
    const before = sandbox.kyx.findExecutions().length;
    sandbox.control.setFault({ group: 'accounts', kind: 503, times: 1 });
    await expect(client.createAccount(poiBody())).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_UNAVAILABLE,
    });
    expect(sandbox.kyx.findExecutions().length).toBe(before);
  });

  it('a 429 is JUMIO_RATE_LIMITED with Retry-After', async () => {
    const client = new KyxClient(settings());
    sandbox.control.setFault({ group: 'accounts', kind: 429, times: 1, retryAfterSeconds: 7 });
    await expect(client.createAccount(poiBody())).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_RATE_LIMITED,
      retryAfterSeconds: 7,
    });
  });
});

describe('KyxClient wire format (raw HTTP server)', () => {
  let server: Server;
  let base: string;
  const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let tokenAnswer = '{"access_token":"tok-abc","expires_in":3600,"token_type":"Bearer"}';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          req.url === '/oauth2/token'
            ? tokenAnswer
            : '{"workflowExecution":{"id":"w","status":"PROCESSED"}}',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    new KyxClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      userAgent: USER_AGENT,
      hosts: { authUrl: base, accountUrl: base, retrievalUrl: base },
      requestTimeoutMs: 2000,
    });

  it('token: form body with HTTP Basic; calls: bearer and User-Agent', async () => {
    seen.length = 0;
    await client().getWorkflowStatus(
      'a1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b',
      'b1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b',
    );
    const [token, call] = seen;
    expect(token.url).toBe('/oauth2/token');
    expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token.headers.authorization).toBe(
      `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(token.body).toBe('grant_type=client_credentials');
    expect(call.url).toBe(
      '/api/v1/accounts/a1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b/workflow-executions/b1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b/status',
    );
    expect(call.headers.authorization).toBe('Bearer tok-abc');
    expect(call.headers['user-agent']).toBe(USER_AGENT);
  });

  it('a token answer without access_token or expires_in is JUMIO_BAD_RESPONSE and names no token', async () => {
    tokenAnswer = '{"access_token":"tok-leak","token_type":"Bearer"}';
    const error = await client()
      .getWorkflowStatus(
        'a1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b',
        'b1b2c3d4-e5f6-4711-8a9b-0c1d2e3f4a5b',
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: JumioErrorCode.JUMIO_BAD_RESPONSE });
    expect(inspect(error)).not.toContain('tok-leak');
  });
});
