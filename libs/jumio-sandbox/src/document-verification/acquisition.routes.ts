import { assertApiRequest } from '../http/api-request.guard';
import { JSON_BODY_LIMIT_BYTES, parseJsonObject, readBody, sendJson } from '../http/http-io';
import type { Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import { newJumioReference, newPageToken } from '../store/references';
import type { DocumentTransaction } from '../store/transaction.types';
import { readAcquisitionRequest } from './acquisition.request';

/** `POST /api/netverify/v2/acquisitions`: Document Verification web client (jumio-api.md §4.1). */
export function acquisitionRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/netverify/v2/acquisitions',
      group: 'acquisitions',
      handle: async ({ req, res }) => {
        assertApiRequest(req, context.credentials, { body: 'json', accept: 'json' });
        const request = readAcquisitionRequest(
          parseJsonObject(await readBody(req, JSON_BODY_LIMIT_BYTES)),
        );
        const now = new Date();
        const transaction = context.store.add<DocumentTransaction>({
          product: 'DOCUMENT',
          channel: 'WEB',
          source: 'DOC_UPLOAD',
          reference: newJumioReference(),
          documentType: request.type,
          country: request.country,
          customDocumentCode: request.customDocumentCode,
          enableExtraction: request.enableExtraction,
          customerInternalReference: request.merchantScanReference,
          userReference: request.customerId,
          reportingCriteria: request.merchantReportingCriteria,
          callbackUrl: request.callbackUrl,
          successUrl: request.successUrl,
          errorUrl: request.errorUrl,
          locale: request.locale,
          token: newPageToken(),
          tokenExpiresAt: now.getTime() + request.authorizationTokenLifetimeSeconds * 1000,
          createdAt: context.dates.format(now),
          status: 'PENDING',
          pageCount: 0,
          variant: context.store.nextVariant(),
        });
        context.lifecycle.openWebJourney(transaction);
        context.log(`acquisitions: DOCUMENT web transaction ${transaction.reference} created`);
        const query = new URLSearchParams({ initiationToken: transaction.token ?? '' });
        sendJson(res, 200, {
          timestamp: now.toISOString(),
          scanReference: transaction.reference,
          clientRedirectUrl: `${context.publicUrl}/api/netverify/v2/acquisitions?${query.toString()}`,
        });
      },
    },
  ];
}
