import { assertApiRequest } from '../http/api-request.guard';
import { sendJson } from '../http/http-io';
import type { Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxTransaction } from '../store/transaction.types';
import { find } from './retrieval.routes';

/**
 * Delete API (jumio-api.md §7): images and extracted PII go; Jumio keeps only the reference and the
 * timestamp for reporting, so retrieval answers 404 afterwards (§1.2).
 */
export function deleteRoutes(context: SandboxContext): Route[] {
  const remove = (path: string, product: SandboxTransaction['product']): Route => ({
    method: 'DELETE',
    path,
    group: 'delete',
    handle: ({ req, res, params }) => {
      assertApiRequest(req, context.retrievalCredentials, { body: 'none', accept: 'json' });
      const transaction = find(context, product, params.reference);
      transaction.deletedAt = new Date().toISOString();
      context.lifecycle.forget(transaction.reference);
      context.log(`delete: ${product} ${transaction.reference} deleted`);
      sendJson(res, 200, {
        timestamp: transaction.deletedAt,
        scanReference: transaction.reference,
      });
    },
  });
  return [
    remove('/api/netverify/v2/scans/:reference', 'NETVERIFY'),
    remove('/api/netverify/v2/documents/:reference', 'DOCUMENT'),
  ];
}
