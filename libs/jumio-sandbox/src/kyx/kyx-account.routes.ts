import { randomBytes, randomUUID } from 'node:crypto';
import {
  JSON_BODY_LIMIT_BYTES,
  parseJsonObject,
  readBody,
  sendJson,
  SandboxHttpError,
} from '../http/http-io';
import type { RequestContext, Route } from '../http/router';
import { readKyxAccountRequest, type KyxAccountRequest } from './kyx-account.request';
import type { KyxContext } from './kyx-context';
import type { KyxCredentialCategory, KyxWorkflowExecution } from './kyx.types';

/** Where the KYX hosted capture page lives in the sandbox (Jumio's is `<prefix>.web.<region>.jumio.ai/web/v4/app`). */
export const KYX_WEB_PATH = '/kyx/web/v4/app';

/**
 * `POST /api/v1/accounts` (new account + workflow execution) and `PUT /api/v1/accounts/{accountId}`
 * (a further workflow for the same account), jumio-kyx.md §2.3.
 */
export function kyxAccountRoutes(context: KyxContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/accounts',
      group: 'accounts',
      handle: async (request) => {
        const body = await readAccountBody(context, request);
        const account = context.store.addAccount({
          id: randomUUID(),
          createdAt: new Date().toISOString(),
          executionIds: [],
        });
        answer(context, request, createExecution(context, account.id, body));
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/accounts/:accountId',
      group: 'accounts',
      handle: async (request) => {
        const body = await readAccountBody(context, request);
        const account = context.store.liveAccount(request.params.accountId);
        if (!account)
          throw new SandboxHttpError(404, `account ${request.params.accountId} not found`);
        answer(context, request, createExecution(context, account.id, body));
      },
    },
  ];
}

async function readAccountBody(
  context: KyxContext,
  { req }: RequestContext,
): Promise<KyxAccountRequest> {
  context.oauth.assertBearer(req);
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new SandboxHttpError(400, 'Content-Type header must be application/json');
  }
  return readKyxAccountRequest(parseJsonObject(await readBody(req, JSON_BODY_LIMIT_BYTES)));
}

function createExecution(
  context: KyxContext,
  accountId: string,
  body: KyxAccountRequest,
): KyxWorkflowExecution {
  const now = Date.now();
  const categories: KyxCredentialCategory[] =
    body.kind === 'DOCUMENT' ? ['DOCUMENT'] : ['ID', 'SELFIE'];
  const execution = context.store.addExecution({
    id: randomUUID(),
    accountId,
    definitionKey: body.definitionKey,
    kind: body.kind,
    customerInternalReference: body.customerInternalReference,
    userReference: body.userReference,
    reportingCriteria: body.reportingCriteria,
    callbackUrl: body.callbackUrl,
    successUrl: body.successUrl,
    errorUrl: body.errorUrl,
    locale: body.locale,
    credentials: body.credentials,
    webToken: randomBytes(32).toString('base64url'),
    sdkToken: fakeJwt(),
    tokenExpiresAt: now + body.tokenLifetimeMs,
    createdAt: new Date(now).toISOString(),
    status: 'INITIATED',
    credentialIds: Object.fromEntries(categories.map((category) => [category, randomUUID()])),
  });
  context.lifecycle.opened(execution);
  context.log(`kyx: workflow ${execution.definitionKey} execution ${execution.id} created`);
  return execution;
}

function answer(
  context: KyxContext,
  { res }: RequestContext,
  execution: KyxWorkflowExecution,
): void {
  const query = new URLSearchParams({
    authorizationToken: execution.webToken,
    locale: execution.locale ?? 'en',
  });
  sendJson(res, 200, {
    timestamp: new Date().toISOString(),
    account: { id: execution.accountId },
    web: {
      href: `${context.publicUrl}${KYX_WEB_PATH}?${query.toString()}`,
      ...(execution.successUrl && { successUrl: execution.successUrl }),
      ...(execution.errorUrl && { errorUrl: execution.errorUrl }),
    },
    sdk: { token: execution.sdkToken },
    workflowExecution: {
      id: execution.id,
      credentials: Object.entries(execution.credentialIds).map(([category, id]) => ({
        id,
        category,
        allowedChannels: ['WEB', 'SDK'],
      })),
    },
  });
}

/** A JWT-shaped opaque token, as SDK 4.x receives (the sandbox only looks it up, never verifies it). */
function fakeJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sandbox: true, jti: randomUUID() })}.${randomBytes(32).toString('base64url')}`;
}
