import type { JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { locationQuery, openCapturePage, submitCapture } from './support/capture-journey';
import {
  accessToken,
  documentAccountBody,
  idAccountBody,
  kyxCall,
  KYX_CLIENT,
  requestToken,
  type AccountAnswer,
} from './support/kyx-http';
import { startTestSandbox } from './support/sandbox-fixture';
import { send } from './support/sandbox-http';

interface Capability {
  credentials: { category: string }[];
  decision: { type: string; details: { label: string } };
  data?: Record<string, unknown>;
}
interface Details {
  workflow: {
    id: string;
    status: string;
    definitionKey: string;
    customerInternalReference?: string;
  };
  decision?: { type: string; details: { label: string }; risk: { score: number } };
  credentials: { category: string }[];
  capabilities: Record<string, Capability[]>;
}

describe('sandbox: Jumio KYX', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;
  let token: string;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({
      callbackDelayMs: 0,
      kyxClientId: KYX_CLIENT.id,
      kyxClientSecret: KYX_CLIENT.secret,
    });
    token = await accessToken(sandbox.url);
  });
  afterEach(() => sandbox.control.reset());
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const createAccount = async (body: Record<string, unknown>) => {
    const answer = await kyxCall(sandbox.url, token, 'POST', '/api/v1/accounts', body);
    expect(answer.status).toBe(200);
    return answer.json<AccountAnswer>();
  };
  const details = async (created: AccountAnswer) =>
    (
      await kyxCall(
        sandbox.url,
        token,
        'GET',
        `/api/v1/accounts/${created.account.id}/workflow-executions/${created.workflowExecution.id}`,
      )
    ).json<Details>();
  /** Runs a web journey to its callback; answers the details. */
  const journey = async (outcome: string, body = idAccountBody({ callbackUrl: receiver.url })) => {
    const created = await createAccount(body);
    await submitCapture(created.web.href, { outcome, withFile: true });
    await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId: created.workflowExecution.id });
    return { created, details: await details(created) };
  };
  const decisionsOf = (found: Details, capability: string) =>
    found.capabilities[capability]?.map(
      (entry) => `${entry.decision.type} ${entry.decision.details.label}`,
    );

  describe('OAuth2 token endpoint', () => {
    it('issues a bearer token for a form body with HTTP Basic client credentials', async () => {
      const answer = await requestToken(sandbox.url);
      expect(answer.status).toBe(200);
      expect(answer.json()).toEqual({
        access_token: expect.any(String),
        expires_in: 3600,
        token_type: 'Bearer',
      });
    });

    it('refuses wrong client credentials, other grants and JSON bodies', async () => {
      expect((await requestToken(sandbox.url, { secret: 'wrong' })).json()).toMatchObject({
        error: 'invalid_client',
      });
      expect((await requestToken(sandbox.url, { secret: 'wrong' })).status).toBe(401);
      const grant = await requestToken(sandbox.url, { body: 'grant_type=password' });
      expect([grant.status, grant.json().error]).toEqual([400, 'unsupported_grant_type']);
      const json = await requestToken(sandbox.url, { contentType: 'application/json', body: '{}' });
      expect(json.status).toBe(400);
    });

    it('honours expiry: an expired or unknown token gets 401, a missing User-Agent 403', async () => {
      const own = await accessToken(sandbox.url);
      expect(
        (await kyxCall(sandbox.url, own, 'POST', '/api/v1/accounts', idAccountBody())).status,
      ).toBe(200);
      expect(
        (await kyxCall(sandbox.url, 'not-a-token', 'POST', '/api/v1/accounts', idAccountBody()))
          .status,
      ).toBe(401);
      const noAgent = await kyxCall(sandbox.url, own, 'POST', '/api/v1/accounts', idAccountBody(), {
        'User-Agent': undefined,
      });
      expect(noAgent.status).toBe(403);
      sandbox.kyx.expireAccessTokens();
      const expired = await kyxCall(sandbox.url, own, 'POST', '/api/v1/accounts', idAccountBody());
      expect(expired.status).toBe(401);
      expect(expired.headers['www-authenticate']).toContain('invalid_token');
      token = await accessToken(sandbox.url);
    });

    it('issues tokens with the configured lifetime', async () => {
      sandbox.kyx.setAccessTokenLifetime(1);
      const short = await requestToken(sandbox.url);
      expect(short.json().expires_in).toBe(1);
      sandbox.kyx.setAccessTokenLifetime(3600);
      const shortToken = short.json<{ access_token: string }>().access_token;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(
        (await kyxCall(sandbox.url, shortToken, 'POST', '/api/v1/accounts', idAccountBody()))
          .status,
      ).toBe(401);
    });
  });

  describe('accounts', () => {
    it('creates an account with a workflow execution, web.href and sdk.token', async () => {
      const created = await createAccount(idAccountBody());
      expect(created).toMatchObject({
        account: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        web: {
          href: expect.stringContaining('/kyx/web/v4/app?authorizationToken='),
          successUrl: 'http://localhost/ok',
        },
        sdk: { token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) },
        workflowExecution: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      });
      expect(created.workflowExecution.credentials.map((c) => c.category)).toEqual([
        'ID',
        'SELFIE',
      ]);
    });

    it('PUT starts a further workflow on the same account; an unknown account is 404', async () => {
      const first = await createAccount(idAccountBody());
      const second = await kyxCall(
        sandbox.url,
        token,
        'PUT',
        `/api/v1/accounts/${first.account.id}`,
        documentAccountBody(),
      );
      expect(second.status).toBe(200);
      expect(second.json<AccountAnswer>().account.id).toBe(first.account.id);
      expect(second.json<AccountAnswer>().workflowExecution.id).not.toBe(
        first.workflowExecution.id,
      );
      const unknown = await kyxCall(
        sandbox.url,
        token,
        'PUT',
        '/api/v1/accounts/0b3e8f52-0000-4000-8000-000000000000',
        idAccountBody(),
      );
      expect(unknown.status).toBe(404);
    });

    it.each([
      [
        'a missing workflowDefinition',
        { workflowDefinition: undefined },
        /workflowDefinition is required/,
      ],
      ['a missing key', { workflowDefinition: {} }, /workflowDefinition.key is required/],
      ['an unknown key', { workflowDefinition: { key: 99 } }, /not configured for this tenant/],
      [
        'a long customerInternalReference',
        { customerInternalReference: 'x'.repeat(101) },
        /customerInternalReference must be at most 100/,
      ],
      [
        'a long userReference',
        { userReference: 'x'.repeat(101) },
        /userReference must be at most 100/,
      ],
      [
        'a long callbackUrl',
        { callbackUrl: `https://bank.example/${'x'.repeat(250)}` },
        /callbackUrl must be at most 255/,
      ],
      [
        'an http callbackUrl',
        { callbackUrl: 'http://bank.example/cb' },
        /callbackUrl must use https/,
      ],
      ['a bad successUrl', { web: { successUrl: 'not a url' } }, /web.successUrl/],
      [
        'a reserved errorUrl parameter',
        { web: { errorUrl: 'https://bank.example/e?workflowExecutionId=1' } },
        /workflowExecutionId/,
      ],
      ['a bad tokenLifetime', { tokenLifetime: '3w' }, /tokenLifetime/],
    ])('answers 400 for %s', async (_name, overrides, message) => {
      const answer = await kyxCall(
        sandbox.url,
        token,
        'POST',
        '/api/v1/accounts',
        idAccountBody(overrides),
      );
      expect(answer.status).toBe(400);
      expect(answer.json<{ message: string }>().message).toMatch(message);
    });

    const documentCredential = (country: string[], type: string[], category = 'DOCUMENT') => ({
      workflowDefinition: {
        key: 10026,
        credentials: [{ category, country: { values: country }, type: { values: type } }],
      },
    });
    it.each([
      ['no credential', { workflowDefinition: { key: 10026 } }, /exactly one DOCUMENT credential/],
      [
        'an ID credential',
        documentCredential(['GBR'], ['PASSPORT'], 'ID'),
        /exactly one DOCUMENT credential/,
      ],
      ['two countries', documentCredential(['GBR', 'DEU'], ['UB']), /exactly one country/],
      ['two types', documentCredential(['GBR'], ['UB', 'BS']), /exactly one type/],
      ['an unknown type', documentCredential(['GBR'], ['XX']), /not a DOCUMENT type/],
      ['an unknown country', documentCredential(['ZZZ'], ['UB']), /alpha-3/],
    ])('DocV 10026 refuses %s', async (_name, overrides, message) => {
      const answer = await kyxCall(
        sandbox.url,
        token,
        'POST',
        '/api/v1/accounts',
        idAccountBody(overrides),
      );
      expect(answer.status).toBe(400);
      expect(answer.json<{ message: string }>().message).toMatch(message);
    });
  });

  describe('hosted capture page and callbacks', () => {
    it('shows the sandbox banner and redirects back with the KYX parameters', async () => {
      const created = await createAccount(idAccountBody({ customerInternalReference: 'cir-page' }));
      const { page } = await openCapturePage(created.web.href);
      expect(page.text).toContain('Jumio SANDBOX — not Jumio');
      expect(page.text).toContain('Liveness fraud');
      const done = await submitCapture(created.web.href, { outcome: 'PASSED' });
      expect(done.status).toBe(303);
      expect(String(done.headers.location)).toMatch(/^http:\/\/localhost\/ok\?/);
      expect(locationQuery(done)).toEqual({
        accountId: created.account.id,
        workflowExecutionId: created.workflowExecution.id,
        acquisitionStatus: 'SUCCESS',
        customerInternalReference: 'cir-page',
      });
      const again = await openCapturePage(created.web.href);
      expect(again.page.text).toContain('already completed');
    });

    it('cancel ends on errorUrl with an errorCode and a SESSION_EXPIRED callback', async () => {
      const created = await createAccount(idAccountBody({ callbackUrl: receiver.url }));
      const done = await submitCapture(created.web.href, { action: 'cancel' });
      expect(locationQuery(done)).toMatchObject({ acquisitionStatus: 'ERROR', errorCode: '9100' });
      const [record] = await sandbox.kyx.waitForCallbacks(1, {
        workflowExecutionId: created.workflowExecution.id,
      });
      expect(record.payload.workflowExecution.status).toBe('SESSION_EXPIRED');
      expect((await details(created)).decision).toMatchObject({
        type: 'NOT_EXECUTED',
        details: { label: 'SESSION_EXPIRED' },
      });
    });

    it('posts a JSON callback without personal data, pointing at the retrieval endpoints', async () => {
      const { created } = await journey('PASSED');
      const callback = receiver.received.find((entry) =>
        entry.body.includes(created.workflowExecution.id),
      );
      expect(callback?.headers['content-type']).toBe('application/json');
      expect(JSON.parse(callback?.body ?? '{}')).toEqual({
        callbackSentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        userReference: 'user-ref-1',
        workflowExecution: {
          id: created.workflowExecution.id,
          href: `${sandbox.url}/api/v1/accounts/${created.account.id}/workflow-executions/${created.workflowExecution.id}`,
          definitionKey: '10011',
          status: 'PROCESSED',
        },
        account: {
          id: created.account.id,
          href: `${sandbox.url}/api/v1/accounts/${created.account.id}`,
        },
      });
      expect(callback?.body).not.toContain('JANE');
    });

    it('an untouched link runs out as TOKEN_EXPIRED, an opened one as SESSION_EXPIRED', async () => {
      const untouched = await createAccount(idAccountBody({ callbackUrl: receiver.url }));
      sandbox.kyx.expireSession(untouched.workflowExecution.id);
      const opened = await createAccount(idAccountBody({ callbackUrl: receiver.url }));
      await openCapturePage(opened.web.href);
      sandbox.kyx.expireSession(opened.workflowExecution.id);
      expect(sandbox.kyx.execution(untouched.workflowExecution.id)?.status).toBe('TOKEN_EXPIRED');
      expect(sandbox.kyx.execution(opened.workflowExecution.id)?.status).toBe('SESSION_EXPIRED');
      const [record] = await sandbox.kyx.waitForCallbacks(1, {
        workflowExecutionId: untouched.workflowExecution.id,
      });
      expect(record.payload.workflowExecution.status).toBe('TOKEN_EXPIRED');
    });
  });

  describe('status and details for every outcome', () => {
    it('status goes INITIATED → PROCESSED', async () => {
      sandbox.control.setCallbackDelay(60_000);
      const created = await createAccount(idAccountBody());
      const statusPath = `/api/v1/accounts/${created.account.id}/workflow-executions/${created.workflowExecution.id}/status`;
      const status = async () =>
        (await kyxCall(sandbox.url, token, 'GET', statusPath)).json<{
          workflowExecution: { status: string };
        }>().workflowExecution.status;
      expect(await status()).toBe('INITIATED');
      await submitCapture(created.web.href, { outcome: 'PASSED' });
      expect(await status()).toBe('ACQUIRED');
      expect((await details(created)).decision).toBeUndefined();
    });

    it('PASSED: every capability passed, similarity MATCH, liveness OK, extraction data', async () => {
      const { details: found } = await journey('PASSED');
      expect(found.decision).toMatchObject({ type: 'PASSED', risk: { score: expect.any(Number) } });
      expect(found.workflow).toMatchObject({ status: 'PROCESSED', definitionKey: '10011' });
      expect(found.credentials.map((c) => c.category)).toEqual(['ID', 'SELFIE']);
      expect(decisionsOf(found, 'similarity')).toEqual(['PASSED MATCH']);
      expect(decisionsOf(found, 'liveness')).toEqual(['PASSED OK']);
      expect(found.capabilities.extraction[0].data).toMatchObject({
        firstName: 'JANE',
        lastName: 'SANDBOX',
        dateOfBirth: '1990-04-12',
      });
    });

    it.each([
      ['PASSED_WITHOUT_SELFIE', 'PASSED', { similarity: undefined, liveness: undefined }],
      ['MANIPULATED', 'REJECTED', { imageChecks: ['REJECTED MANIPULATED_DOCUMENT'] }],
      ['NO_MATCH', 'REJECTED', { similarity: ['REJECTED NO_MATCH'] }],
      ['LIVENESS_FAILED', 'REJECTED', { liveness: ['REJECTED ID_USED_AS_SELFIE'] }],
      [
        'BLURRED',
        'REJECTED',
        {
          usability: ['REJECTED BLURRED', 'PASSED OK'],
          similarity: ['NOT_EXECUTED PRECONDITION_NOT_FULFILLED'],
        },
      ],
      ['NOT_POSSIBLE', 'WARNING', { similarity: ['WARNING NOT_POSSIBLE'] }],
    ])('%s: overall %s with the matching capabilities', async (outcome, overall, expected) => {
      const { details: found } = await journey(outcome);
      expect(found.decision?.type).toBe(overall);
      for (const [capability, decisions] of Object.entries(expected)) {
        expect(decisionsOf(found, capability)).toEqual(decisions);
      }
    });

    it.each([
      ['EXTRACTED', 'PASSED OK'],
      ['NOT_EXTRACTED', 'NOT_EXECUTED TECHNICAL_ERROR'],
      ['BLURRED', 'NOT_EXECUTED PRECONDITION_NOT_FULFILLED'],
    ])('DocV %s: extraction %s', async (outcome, extraction) => {
      const { details: found } = await journey(
        outcome,
        documentAccountBody({ callbackUrl: receiver.url }),
      );
      expect(found.workflow.definitionKey).toBe('10026');
      expect(found.credentials.map((c) => c.category)).toEqual(['DOCUMENT']);
      expect(decisionsOf(found, 'extraction')).toEqual([extraction]);
      if (outcome === 'EXTRACTED') {
        expect(found.capabilities.extraction[0].data).toMatchObject({
          type: 'UB',
          issuingCountry: 'GBR',
          firstName: 'JANE',
          issuingDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          address: { country: 'GBR', city: 'SANDBOX CITY' },
        });
      }
    });

    it('a preset outcome wins over the page', async () => {
      const body = idAccountBody({
        callbackUrl: receiver.url,
        customerInternalReference: 'cir-preset',
      });
      sandbox.kyx.setOutcome({ customerInternalReference: 'cir-preset' }, 'NO_MATCH');
      const { details: found } = await journey('PASSED', body);
      expect(decisionsOf(found, 'similarity')).toEqual(['REJECTED NO_MATCH']);
    });
  });

  describe('SDK 4.x stand-in, delete, faults and control over HTTP', () => {
    it('the SDK finishes with sdk.token and the data centre only, and reports the execution', async () => {
      const created = await createAccount(idAccountBody({ callbackUrl: receiver.url }));
      const answer = await send({
        method: 'POST',
        url: `${sandbox.url}/sandbox/kyx/sdk`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sdkToken: created.sdk.token, dataCenter: 'EU', outcome: 'PASSED' }),
      });
      expect(answer.json()).toEqual({
        accountId: created.account.id,
        workflowExecutionId: created.workflowExecution.id,
        status: 'SUCCESS',
      });
      await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId: created.workflowExecution.id });
      expect(sandbox.kyx.execution(created.workflowExecution.id)).toMatchObject({
        channel: 'SDK',
        status: 'PROCESSED',
      });
      const bad = await send({
        method: 'POST',
        url: `${sandbox.url}/sandbox/kyx/sdk`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sdkToken: 'x.y.z', dataCenter: 'EU' }),
      });
      expect(bad.status).toBe(401);
    });

    it('DELETE of an account removes every workflow execution', async () => {
      const { created } = await journey('PASSED');
      const deleted = await kyxCall(
        sandbox.url,
        token,
        'DELETE',
        `/api/v1/accounts/${created.account.id}`,
      );
      expect(deleted.status).toBe(200);
      const path = `/api/v1/accounts/${created.account.id}/workflow-executions/${created.workflowExecution.id}`;
      expect((await kyxCall(sandbox.url, token, 'GET', path)).status).toBe(404);
      expect(
        (await kyxCall(sandbox.url, token, 'DELETE', `/api/v1/accounts/${created.account.id}`))
          .status,
      ).toBe(404);
      expect(sandbox.kyx.accountExists(created.account.id)).toBe(false);
    });

    it('faults hit the token, account and retrieval endpoints', async () => {
      sandbox.control.setFault({ group: 'oauth', kind: 503, times: 1 });
      expect((await requestToken(sandbox.url)).status).toBe(503);
      expect((await requestToken(sandbox.url)).status).toBe(200);
      sandbox.control.setFault({ group: 'accounts', kind: 429, times: 1, retryAfterSeconds: 2 });
      const limited = await kyxCall(
        sandbox.url,
        token,
        'POST',
        '/api/v1/accounts',
        idAccountBody(),
      );
      expect([limited.status, limited.headers['retry-after']]).toEqual([429, '2']);
      const created = await createAccount(idAccountBody());
      sandbox.control.setFault({ group: 'retrieval', kind: 500, times: 1 });
      const path = `/api/v1/accounts/${created.account.id}/workflow-executions/${created.workflowExecution.id}/status`;
      expect((await kyxCall(sandbox.url, token, 'GET', path)).status).toBe(500);
      expect((await kyxCall(sandbox.url, token, 'GET', path)).status).toBe(200);
    });

    it('dropped callbacks are recorded, not sent; the HTTP control presets outcomes and lists executions', async () => {
      sandbox.control.dropCallbacks('all');
      const created = await createAccount(
        idAccountBody({ callbackUrl: receiver.url, customerInternalReference: 'cir-http' }),
      );
      const preset = await send({
        method: 'POST',
        url: `${sandbox.url}/sandbox/control/kyx/outcomes`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          workflowExecutionId: created.workflowExecution.id,
          outcome: 'MANIPULATED',
        }),
      });
      expect(preset.status).toBe(200);
      await submitCapture(created.web.href, {});
      const [record] = await sandbox.kyx.waitForCallbacks(1, {
        workflowExecutionId: created.workflowExecution.id,
      });
      expect(record.delivery).toBe('DROPPED');
      const listed = await send({
        url: `${sandbox.url}/sandbox/control/kyx/executions?customerInternalReference=cir-http`,
      });
      expect(listed.json<{ outcome: string }[]>()).toEqual([
        expect.objectContaining({ outcome: 'MANIPULATED', status: 'PROCESSED' }),
      ]);
      const wrong = await send({
        method: 'POST',
        url: `${sandbox.url}/sandbox/control/kyx/outcomes`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          workflowExecutionId: created.workflowExecution.id,
          outcome: 'EXTRACTED',
        }),
      });
      expect(wrong.status).toBe(400);
      const tokens = await send({ url: `${sandbox.url}/sandbox/control/kyx/access-tokens` });
      expect(tokens.json<{ issued: number }>().issued).toBe(sandbox.kyx.accessTokensIssued());
    });
  });
});
