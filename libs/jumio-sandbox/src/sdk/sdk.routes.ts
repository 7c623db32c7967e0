import { assertApiRequest } from '../http/api-request.guard';
import { JSON_BODY_LIMIT_BYTES, parseJsonObject, readBody, sendJson } from '../http/http-io';
import type { RequestContext, Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import { newJumioReference } from '../store/references';
import type { DocumentTransaction, NetverifyTransaction } from '../store/transaction.types';
import { readDocumentSdkRequest, readNetverifySdkRequest } from './sdk.request';

/**
 * Mobile SDK 3.x stand-in: the app would talk to Jumio with the shipped token and secret; here one call
 * creates the scan and finishes the journey as if the user completed it on the device.
 */
export function sdkRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/sandbox/sdk/netverify',
      group: 'sdk',
      handle: (request) => netverifyScan(context, request),
    },
    {
      method: 'POST',
      path: '/sandbox/sdk/document-verification',
      group: 'sdk',
      handle: (request) => documentScan(context, request),
    },
  ];
}

async function readSdkBody(context: SandboxContext, { req }: RequestContext) {
  assertApiRequest(req, context.credentials, { body: 'json', accept: 'json' });
  return parseJsonObject(await readBody(req, JSON_BODY_LIMIT_BYTES));
}

async function netverifyScan(context: SandboxContext, request: RequestContext): Promise<void> {
  const body = readNetverifySdkRequest(await readSdkBody(context, request));
  const transaction = context.store.add<NetverifyTransaction>({
    product: 'NETVERIFY',
    channel: 'SDK',
    reference: newJumioReference(),
    customerInternalReference: body.customerInternalReference,
    userReference: body.userReference,
    reportingCriteria: body.reportingCriteria,
    callbackUrl: body.callbackUrl,
    preset: body.preset,
    createdAt: context.dates.format(new Date()),
    status: 'PENDING',
    variant: context.store.nextVariant(),
  });
  context.lifecycle.finishJourney(transaction, { chosen: body.outcome, scanSource: 'SDK' });
  context.log(`sdk: NETVERIFY transaction ${transaction.reference} finished on the device`);
  sendJson(request.res, 200, { scanReference: transaction.reference });
}

async function documentScan(context: SandboxContext, request: RequestContext): Promise<void> {
  const body = readDocumentSdkRequest(await readSdkBody(context, request));
  const transaction = context.store.add<DocumentTransaction>({
    product: 'DOCUMENT',
    channel: 'SDK',
    source: 'DOC_SDK',
    reference: newJumioReference(),
    documentType: body.type,
    country: body.country,
    customDocumentCode: body.customDocumentCode,
    enableExtraction: body.enableExtraction,
    customerInternalReference: body.customerInternalReference,
    userReference: body.userReference,
    reportingCriteria: body.reportingCriteria,
    callbackUrl: body.callbackUrl,
    createdAt: context.dates.format(new Date()),
    status: 'PENDING',
    pageCount: 1,
    variant: context.store.nextVariant(),
  });
  context.lifecycle.finishJourney(transaction, { chosen: body.outcome, pageCount: 1 });
  context.log(`sdk: DOCUMENT transaction ${transaction.reference} finished on the device`);
  sendJson(request.res, 200, { scanReference: transaction.reference });
}
