import { parseCallbackForm } from '../jumio/legacy/callback-form.parser';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';
import { isKyxCallback, readKyxCallback } from '../jumio/kyx/kyx-callback.reader';

/**
 * What a stored callback claims, on either platform: a legacy form (NV / DV fields) or a KYX JSON body
 * (`workflowExecution`, `account`). The KYX reader says which bodies are its own (`isKyxCallback`); the
 * legacy reader reads the rest. Only the reference is used, and only after it matched the URL token's
 * transaction; the result itself always comes from retrieval.
 * @throws CallbackParseError naming the missing or malformed field.
 */
export function readCallbackClaim(
  body: Record<string, unknown>,
): (type: JumioProduct) => JumioResult {
  if (!isKyxCallback(body)) {
    const legacy = parseCallbackForm(body);
    return () => legacy;
  }
  const kyx = readKyxCallback(body);
  // A KYX callback names no product: it is the product of the transaction its URL token belongs to.
  return (product) => ({
    product,
    jumioReference: kyx.workflowExecutionId,
    jumioStatus: kyx.status ?? 'UNKNOWN',
    decision: 'PENDING',
    reasons: [],
    extracted: null,
    reportedAt: null,
  });
}

/** The workflow execution id of a KYX callback body, if it has one (for the inbox's reference column). */
export function kyxCallbackReference(body: Record<string, unknown>): unknown {
  const execution = body.workflowExecution;
  return typeof execution === 'object' && execution !== null
    ? (execution as { id?: unknown }).id
    : undefined;
}
