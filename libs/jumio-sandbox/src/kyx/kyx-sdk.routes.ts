import {
  JSON_BODY_LIMIT_BYTES,
  parseJsonObject,
  readBody,
  sendJson,
  SandboxHttpError,
} from '../http/http-io';
import type { Route } from '../http/router';
import { invalid, JsonFields } from '../rules/json-fields';
import type { KyxContext } from './kyx-context';
import { isKyxOutcomeOf } from './kyx.types';

/** Data centres the SDK 4.x accepts (`JumioDataCenter.US/EU/SG`). */
const SDK_DATA_CENTERS = ['US', 'EU', 'SG'];

/**
 * Mobile SDK 4.x stand-in: the app holds only `sdk.token` and the data centre (no credentials, no
 * callbackUrl). One call plays the whole capture on the device and answers what the SDK's result
 * carries: accountId and workflowExecutionId.
 */
export function kyxSdkRoutes(context: KyxContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/sandbox/kyx/sdk',
      group: 'sdk',
      handle: async ({ req, res }) => {
        const fields = new JsonFields(parseJsonObject(await readBody(req, JSON_BODY_LIMIT_BYTES)));
        const token = fields.string('sdkToken', { required: true, max: 4096 });
        const dataCenter = fields.string('dataCenter', { required: true, max: 2 });
        if (!SDK_DATA_CENTERS.includes(dataCenter))
          throw invalid('dataCenter', `must be one of ${SDK_DATA_CENTERS.join(', ')}`);
        const execution = context.store.executionByTokenOf(token);
        if (!execution || execution.sdkToken !== token || execution.deletedAt) {
          throw new SandboxHttpError(401, 'sdkToken is not valid');
        }
        if (Date.now() > execution.tokenExpiresAt)
          throw new SandboxHttpError(401, 'sdkToken has expired');
        if (execution.outcome || execution.status !== 'INITIATED') {
          throw new SandboxHttpError(409, 'this workflow execution already finished its journey');
        }
        const picked = fields.string('outcome', { max: 40 });
        const preset = context.lifecycle.presetFor(execution);
        if (picked !== undefined && !isKyxOutcomeOf(execution.kind, picked)) {
          throw invalid('outcome', `does not fit a ${execution.kind} workflow`);
        }
        const cancelled = fields.boolean('cancelled') ?? false;
        const outcome = context.lifecycle.finish(execution, {
          chosen: picked ?? preset ?? (execution.kind === 'ID' ? 'PASSED' : 'EXTRACTED'),
          channel: 'SDK',
          cancelled,
        });
        context.log(`sdk: KYX ${execution.id} finished on the device`);
        sendJson(res, 200, {
          accountId: execution.accountId,
          workflowExecutionId: execution.id,
          status: outcome === 'SESSION_EXPIRED' ? 'ERROR' : 'SUCCESS',
        });
      },
    },
  ];
}
