import { sendBinary, sendJson, SandboxHttpError } from '../http/http-io';
import type { RequestContext, Route } from '../http/router';
import type { KyxContext } from './kyx-context';
import { kyxDetails } from './kyx-details';
import type { KyxWorkflowExecution } from './kyx.types';

const EXECUTION = '/api/v1/accounts/:accountId/workflow-executions/:workflowExecutionId';
/** A 1×1 JPEG stands in for every image part. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** Retrieval (status, details, image parts) and delete of the KYX API (jumio-kyx.md §2.7). */
export function kyxRetrievalRoutes(context: KyxContext): Route[] {
  const find = ({ req, params }: RequestContext): KyxWorkflowExecution => {
    context.oauth.assertBearer(req);
    const execution = context.store.liveExecution(params.accountId, params.workflowExecutionId);
    if (!execution) throw new SandboxHttpError(404, 'workflow execution not found');
    return execution;
  };
  return [
    {
      method: 'GET',
      path: `${EXECUTION}/status`,
      group: 'retrieval',
      handle: (request) => {
        const execution = find(request);
        sendJson(request.res, 200, {
          account: { id: execution.accountId },
          workflowExecution: {
            id: execution.id,
            definitionKey: String(execution.definitionKey),
            status: execution.status,
          },
        });
      },
    },
    {
      method: 'GET',
      path: EXECUTION,
      group: 'retrieval',
      handle: (request) => sendJson(request.res, 200, kyxDetails(find(request), context.publicUrl)),
    },
    {
      method: 'GET',
      path: '/api/v1/accounts/:accountId/credentials/:credentialId/parts/:classifier',
      group: 'retrieval',
      handle: ({ req, res, params }) => {
        context.oauth.assertBearer(req);
        const account = context.store.liveAccount(params.accountId);
        const processed = account?.executionIds
          .map((id) => context.store.execution(id))
          .find(
            (execution) =>
              execution?.status === 'PROCESSED' &&
              Object.values(execution.credentialIds).includes(params.credentialId),
          );
        if (!processed) throw new SandboxHttpError(404, 'credential part not found');
        sendBinary(res, 'image/jpeg', TINY_JPEG);
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/accounts/:accountId',
      group: 'delete',
      handle: ({ req, res, params }) => {
        context.oauth.assertBearer(req);
        const account = context.store.liveAccount(params.accountId);
        if (!account) throw new SandboxHttpError(404, `account ${params.accountId} not found`);
        const now = new Date().toISOString();
        account.deletedAt = now;
        for (const id of account.executionIds) {
          const execution = context.store.execution(id);
          if (!execution) continue;
          execution.deletedAt = now;
          context.lifecycle.forget(id);
        }
        context.log(
          `kyx: account ${account.id} deleted with ${account.executionIds.length} workflow execution(s)`,
        );
        sendJson(res, 200, { timestamp: now });
      },
    },
    {
      method: 'DELETE',
      path: EXECUTION,
      group: 'delete',
      handle: (request) => {
        const execution = find(request);
        execution.deletedAt = new Date().toISOString();
        context.lifecycle.forget(execution.id);
        sendJson(request.res, 200, { timestamp: execution.deletedAt });
      },
    },
  ];
}
