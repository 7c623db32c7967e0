import { assertApiRequest } from '../http/api-request.guard';
import { sendBinary, sendJson, SandboxHttpError } from '../http/http-io';
import type { Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import type {
  DocumentTransaction,
  NetverifyTransaction,
  SandboxTransaction,
} from '../store/transaction.types';
import { documentPages, documentScanData } from './document-retrieval.body';
import { netverifyImages, netverifyScanData } from './netverify-retrieval.body';

const NV = '/api/netverify/v2/scans/:reference';
const DV = '/api/netverify/v2/documents/:reference';

/** A 1x1 PNG: the sandbox keeps no images, so every image answer is this placeholder. */
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Retrieval API (jumio-api.md §6): NV on the core host, DV on the retrieval host; here one port. */
export function retrievalRoutes(context: SandboxContext): Route[] {
  const nv = (reference: string) => find(context, 'NETVERIFY', reference) as NetverifyTransaction;
  const dv = (reference: string) => find(context, 'DOCUMENT', reference) as DocumentTransaction;
  const json = (path: string, body: (reference: string) => unknown): Route => ({
    method: 'GET',
    path,
    group: 'retrieval',
    handle: ({ req, res, params }) => {
      assertApiRequest(req, context.retrievalCredentials, { body: 'none', accept: 'json' });
      sendJson(res, 200, body(params.reference));
    },
  });
  const image = (path: string, exists: (reference: string, id: string) => boolean): Route => ({
    method: 'GET',
    path,
    group: 'retrieval',
    handle: ({ req, res, params }) => {
      assertApiRequest(req, context.retrievalCredentials, { body: 'none', accept: 'image' });
      if (!exists(params.reference, params.id)) throw new SandboxHttpError(404, 'image not found');
      sendBinary(res, 'image/png', PLACEHOLDER_PNG);
    },
  });
  const { publicUrl } = context;
  return [
    json(NV, (reference) => statusOf(nv(reference))),
    json(`${NV}/data`, (reference) => netverifyScanData(nv(reference), publicUrl)),
    ...(['document', 'transaction', 'verification'] as const).map((part) =>
      json(
        `${NV}/data/${part}`,
        (reference) => netverifyScanData(nv(reference), publicUrl)[part] ?? {},
      ),
    ),
    json(`${NV}/images`, (reference) => ({
      ...stamp(nv(reference)),
      images: netverifyImages(nv(reference), publicUrl),
    })),
    image(`${NV}/images/:id`, (reference, id) =>
      netverifyImages(nv(reference), publicUrl).some((entry) => entry.classifier === id),
    ),
    json(DV, (reference) => statusOf(dv(reference))),
    json(`${DV}/data`, (reference) => documentScanData(dv(reference), publicUrl)),
    ...(['document', 'transaction'] as const).map((part) =>
      json(`${DV}/data/${part}`, (reference) => {
        const data: Record<string, unknown> = documentScanData(dv(reference), publicUrl);
        return data[part] ?? {};
      }),
    ),
    json(`${DV}/pages`, (reference) => ({
      ...stamp(dv(reference)),
      images: documentPages(dv(reference), publicUrl).map((href, index) => ({
        classifier: index + 1,
        href,
      })),
    })),
    image(`${DV}/pages/:id`, (reference, id) =>
      documentPages(dv(reference), publicUrl).some((href) => href.endsWith(`/pages/${id}`)),
    ),
  ];
}

/**
 * `{timestamp, scanReference, status}`. Jumio lists no PENDING for DV [UNSURE]; the sandbox answers
 * PENDING until the upload is finished, the reading that keeps a poller polling.
 */
function statusOf(transaction: SandboxTransaction) {
  return { ...stamp(transaction), status: transaction.status };
}

function stamp(transaction: SandboxTransaction) {
  return { timestamp: new Date().toISOString(), scanReference: transaction.reference };
}

/** 404 for unknown, deleted, or the other product's references. */
export function find(
  context: SandboxContext,
  product: SandboxTransaction['product'],
  reference: string,
): SandboxTransaction {
  const transaction = context.store.getLive(reference);
  if (!transaction || transaction.product !== product) {
    throw new SandboxHttpError(404, `scan reference not found: ${reference}`);
  }
  return transaction;
}
