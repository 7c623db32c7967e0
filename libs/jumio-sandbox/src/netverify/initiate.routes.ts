import { assertApiRequest } from '../http/api-request.guard';
import { JSON_BODY_LIMIT_BYTES, parseJsonObject, readBody, sendJson } from '../http/http-io';
import type { Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import { newJumioReference, newPageToken } from '../store/references';
import type { NetverifyTransaction } from '../store/transaction.types';
import { readInitiateRequest } from './initiate.request';

/** `POST /api/v4/initiate`: Netverify web v4 (jumio-api.md §2). Jumio's sample has a trailing slash. */
export function initiateRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v4/initiate',
      group: 'initiate',
      handle: async ({ req, res }) => {
        assertApiRequest(req, context.credentials, { body: 'json', accept: 'json' });
        const request = readInitiateRequest(
          parseJsonObject(await readBody(req, JSON_BODY_LIMIT_BYTES)),
        );
        const now = new Date();
        const transaction = context.store.add<NetverifyTransaction>({
          product: 'NETVERIFY',
          channel: 'WEB',
          reference: newJumioReference(),
          customerInternalReference: request.customerInternalReference,
          userReference: request.userReference,
          reportingCriteria: request.reportingCriteria,
          callbackUrl: request.callbackUrl,
          successUrl: request.successUrl,
          errorUrl: request.errorUrl,
          locale: request.locale,
          workflowId: request.workflowId,
          preset: request.preset,
          token: newPageToken(),
          tokenExpiresAt: now.getTime() + request.tokenLifetimeInMinutes * 60_000,
          createdAt: context.dates.format(now),
          status: 'PENDING',
          variant: context.store.nextVariant(),
        });
        context.lifecycle.openWebJourney(transaction);
        context.log(`initiate: NETVERIFY web transaction ${transaction.reference} created`);
        const query = new URLSearchParams({
          locale: request.locale,
          authorizationToken: transaction.token ?? '',
        });
        sendJson(res, 200, {
          timestamp: now.toISOString(),
          transactionReference: transaction.reference,
          redirectUrl: `${context.publicUrl}/web/v4/app?${query.toString()}`,
        });
      },
    },
  ];
}
