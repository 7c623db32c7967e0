import { CallbackParseError } from '../callback-parse.error';
import { isJumioReference } from '../jumio-reference';

/** What a KYX callback says (jumio-kyx.md §2.6): references and a status, never personal data. */
export interface KyxCallback {
  workflowExecutionId: string;
  accountId: string;
  /** PROCESSED, SESSION_EXPIRED or TOKEN_EXPIRED (read only as a hint: retrieval decides). */
  status: string | null;
  definitionKey: string | null;
}

/**
 * Whether a callback body is KYX's: only KYX callbacks have a `workflowExecution` field, whatever its
 * value (a malformed one is still KYX's, and `readKyxCallback` names it). Every other body is legacy's.
 */
export function isKyxCallback(body: Record<string, unknown>): boolean {
  return body.workflowExecution !== undefined;
}

/**
 * Reads a KYX JSON callback `{callbackSentAt, userReference?, workflowExecution{id, href, definitionKey,
 * status}, account{id, href}}`. Only the ids are needed; the hrefs are never followed.
 * @throws CallbackParseError naming the missing or malformed field.
 */
export function readKyxCallback(body: Record<string, unknown>): KyxCallback {
  const execution = objectAt(body, 'workflowExecution');
  const account = objectAt(body, 'account');
  const workflowExecutionId = execution.id;
  if (!isJumioReference(workflowExecutionId)) {
    throw new CallbackParseError('workflowExecution.id', 'is missing or not a Jumio id');
  }
  if (!isJumioReference(account.id)) {
    throw new CallbackParseError('account.id', 'is missing or not a Jumio id');
  }
  const status = typeof execution.status === 'string' ? execution.status.slice(0, 32) : null;
  const key = execution.definitionKey;
  const definitionKey =
    typeof key === 'string' || typeof key === 'number' ? String(key).slice(0, 16) : null;
  return { workflowExecutionId, accountId: account.id, status, definitionKey };
}

function objectAt(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = body[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CallbackParseError(field, 'is missing or not an object');
  }
  return value as Record<string, unknown>;
}
