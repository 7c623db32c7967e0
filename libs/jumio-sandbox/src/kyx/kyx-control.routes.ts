import { SandboxHttpError } from '../http/http-io';
import type { Route } from '../http/router';
import { invalid } from '../rules/json-fields';
import { controlBody, controlRouteUnder, positiveInteger } from '../control/control-route';
import type { KyxSandboxControl } from './kyx-sandbox-control';
import type { KyxOutcome } from './kyx.types';

const BASE = '/sandbox/control/kyx';

/** The KYX scenario control over HTTP (sandbox only; never part of Jumio's API). */
export function kyxControlRoutes(control: KyxSandboxControl): Route[] {
  const route = controlRouteUnder(BASE);
  return [
    route('POST', '/outcomes', async ({ req }) => {
      const fields = await controlBody(req);
      const workflowExecutionId = fields.string('workflowExecutionId', { max: 100 });
      const customerInternalReference = fields.string('customerInternalReference', { max: 100 });
      const outcome = fields.string('outcome', { required: true, max: 50 }) as KyxOutcome;
      if (workflowExecutionId) control.setOutcome({ workflowExecutionId }, outcome);
      else if (customerInternalReference)
        control.setOutcome({ customerInternalReference }, outcome);
      else throw invalid('workflowExecutionId', 'or customerInternalReference is required');
    }),
    route('DELETE', '/outcomes', () => control.clearOutcomes()),
    route('GET', '/callbacks', ({ query }) =>
      control.callbacks({ workflowExecutionId: query.get('workflowExecutionId') ?? undefined }),
    ),
    route('GET', '/callbacks/wait', ({ query }) =>
      control.waitForCallbacks(positiveInteger(query.get('count') ?? '1', 'count'), {
        workflowExecutionId: query.get('workflowExecutionId') ?? undefined,
        timeoutMs: positiveInteger(query.get('timeoutMs') ?? '10000', 'timeoutMs'),
      }),
    ),
    route('POST', '/callbacks/:workflowExecutionId/resend', ({ params }) =>
      control.resendCallback(params.workflowExecutionId),
    ),
    route('POST', '/executions/:workflowExecutionId/expire', ({ params }) =>
      control.expireSession(params.workflowExecutionId),
    ),
    route('GET', '/executions', ({ query }) =>
      control.findExecutions({
        customerInternalReference: query.get('customerInternalReference') ?? undefined,
        accountId: query.get('accountId') ?? undefined,
      }),
    ),
    route('GET', '/executions/:workflowExecutionId', ({ params }) => {
      const found = control.execution(params.workflowExecutionId);
      if (!found)
        throw new SandboxHttpError(404, `unknown workflow execution ${params.workflowExecutionId}`);
      return found;
    }),
    route('POST', '/access-tokens/expire', () => control.expireAccessTokens()),
    route('PUT', '/access-tokens/lifetime', async ({ req }) => {
      const seconds = (await controlBody(req)).integer('seconds', { min: 1 });
      if (seconds === undefined) throw invalid('seconds', 'is required');
      control.setAccessTokenLifetime(seconds);
    }),
    route('GET', '/access-tokens', () => ({ issued: control.accessTokensIssued() })),
  ];
}
