import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { countsAsAttempt } from './decision-policy';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { ClientReportedStatus, ScanChannel, ScanType } from '../persistence/scan-transaction.types';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';

/*
 * The state rules of a scan transaction, as pure functions. One row is one attempt; the newest row of a
 * user and type is the step's state. A row is "open" (open_key set) from its start until the client
 * reports ERROR, a newer start replaces it, or a final or retryable result arrives. Only an open row
 * changes; a closed row never reopens, so late, duplicate or out-of-order input cannot move the step back.
 */

/** Reason added when a retryable result arrives on the last allowed attempt (then REVIEW or REJECTED). */
export const MAX_ATTEMPTS_REASON = 'MAX_ATTEMPTS_REACHED';

/** A web token this close to expiry is not handed out again: the user needs time to finish. */
export const REUSE_MARGIN_MS = 2 * 60_000;

export type TransactionChanges = Partial<
  Pick<
    ScanTransaction,
    | 'status'
    | 'decision'
    | 'jumioReference'
    | 'jumioStatus'
    | 'reasons'
    | 'errorCode'
    | 'completedAt'
    | 'openKey'
  >
>;

export function isOpen(tx: ScanTransaction): boolean {
  return tx.openKey !== null;
}

export function openKeyOf(userId: string, type: ScanType): string {
  return `${userId}:${type}`;
}

export function productOf(type: ScanType): JumioProduct {
  return type === 'POI' ? 'NETVERIFY' : 'DOCUMENT';
}

export interface StartRequest {
  channel: ScanChannel;
  /** Web only: fingerprint of what was asked for; equal fingerprints may reuse the open transaction. */
  fingerprint: string | null;
}

export type StartPlan =
  | { kind: 'reuse'; transaction: ScanTransaction }
  | { kind: 'create'; replaces: ScanTransaction | null };

/** What a start does given the step's newest transaction; throws when the step cannot start again. */
export function planStart(
  current: ScanTransaction | null,
  request: StartRequest,
  now: Date,
): StartPlan {
  if (!current) return { kind: 'create', replaces: null };
  if (current.decision === 'REVIEW') {
    throw new JumioError(JumioErrorCode.INVALID_STATE, 'This step is being reviewed at the bank');
  }
  if (current.decision === 'APPROVED') {
    throw new JumioError(JumioErrorCode.INVALID_STATE, 'This step is already approved');
  }
  if (current.decision === 'REJECTED') {
    const exhausted = parseReasons(current.reasons).includes(MAX_ATTEMPTS_REASON);
    throw exhausted
      ? new JumioError(
          JumioErrorCode.ATTEMPTS_EXHAUSTED,
          'The attempt limit of this step is reached',
        )
      : new JumioError(JumioErrorCode.INVALID_STATE, 'This step is rejected');
  }
  if (!isOpen(current)) return { kind: 'create', replaces: null };
  if (current.status === 'SUCCESS') {
    throw new JumioError(
      JumioErrorCode.INVALID_STATE,
      "The upload is finished; Jumio's result is awaited",
    );
  }
  const reusable =
    request.channel === 'WEB' &&
    current.channel === 'WEB' &&
    request.fingerprint !== null &&
    current.requestFingerprint === request.fingerprint &&
    current.redirectUrl !== null &&
    current.tokenExpiresAt !== null &&
    current.tokenExpiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS;
  return reusable ? { kind: 'reuse', transaction: current } : { kind: 'create', replaces: current };
}

/** The mobile app hands over the scanReference the SDK returned. Null: nothing to change. */
export function planScanReference(
  tx: ScanTransaction | null,
  scanReference: string,
): TransactionChanges | null {
  if (!tx) throw noOpenTransaction();
  if (tx.jumioReference === scanReference) return null;
  if (tx.channel !== 'MOBILE') {
    throw new JumioError(
      JumioErrorCode.INVALID_STATE,
      'Only a mobile transaction takes a scanReference from the app',
    );
  }
  if (!isOpen(tx)) throw noOpenTransaction();
  if (tx.jumioReference !== null) {
    throw new JumioError(
      JumioErrorCode.INVALID_STATE,
      'This transaction already has a scanReference',
    );
  }
  return { jumioReference: scanReference };
}

/**
 * The client reports how the capture journey ended. SUCCESS marks the upload finished (decision PENDING
 * until Jumio's result); ERROR ends the attempt so the user can start again. A report that arrives after
 * Jumio's result changes nothing: the result is the newer, authoritative information.
 */
export function planClientReport(
  tx: ScanTransaction | null,
  status: ClientReportedStatus,
  errorCode: string | null,
): TransactionChanges | null {
  if (!tx) throw noOpenTransaction();
  if (status === 'SUCCESS') {
    if (tx.status === 'SUCCESS' || tx.decision !== null) return null;
    if (!isOpen(tx)) throw noOpenTransaction();
    return { status: 'SUCCESS', decision: 'PENDING', errorCode: null };
  }
  // Already ended, or the upload already finished: an ERROR cannot undo either.
  if (!isOpen(tx) || tx.status === 'SUCCESS') return null;
  return { status: 'NOT_STARTED_YET', errorCode, openKey: null };
}

/**
 * Whether a result (or a callback's references) belongs to the transaction. Our customerInternalReference,
 * when the result carries it, wins over the Jumio reference: the app may link any scanReference through
 * `!setScanTransaction`, even another user's, but Jumio's answer still names the transaction it was for.
 */
export function resultMatchesTransaction(tx: ScanTransaction, result: JumioResult): boolean {
  if (result.product !== productOf(tx.type)) return false;
  const ours = result.customerInternalReference;
  if (ours && ours !== tx.customerInternalReference) return false;
  if (tx.jumioReference !== null) return tx.jumioReference === result.jumioReference;
  return result.customerInternalReference === tx.customerInternalReference;
}

/**
 * How a result changes an open transaction. RETRY reopens the step (status NOT_STARTED_YET) until the
 * attempt limit, where it becomes `lastAttempt` (REVIEW by default, or REJECTED); an abandoned capture
 * (UNCOUNTED_RETRY_STATUSES) never uses up an attempt. REVIEW closes the transaction for a person at the
 * bank to decide (ReviewQueue). A PENDING result only records Jumio's status word and why it is still
 * pending (e.g. POA_AWAITING_POI: the bank's POA rules wait for the identity result).
 */
export function planResult(
  tx: ScanTransaction,
  result: JumioResult,
  maxAttempts: number,
  now: Date,
  lastAttempt: 'REVIEW' | 'REJECTED' = 'REVIEW',
): TransactionChanges {
  const changes: TransactionChanges = { jumioStatus: result.jumioStatus };
  if (tx.jumioReference === null) changes.jumioReference = result.jumioReference;
  if (result.decision === 'PENDING') return { ...changes, reasons: JSON.stringify(result.reasons) };

  const exhausted =
    result.decision === 'RETRY' && countsAsAttempt(result.jumioStatus) && tx.attempt >= maxAttempts;
  const decision = exhausted ? lastAttempt : result.decision;
  const reasons = exhausted ? [...result.reasons, MAX_ATTEMPTS_REASON] : result.reasons;
  return {
    ...changes,
    decision,
    reasons: JSON.stringify(reasons),
    status: decision === 'RETRY' ? 'NOT_STARTED_YET' : 'SUCCESS',
    completedAt: now,
    openKey: null,
  };
}

export function parseReasons(reasons: string | null): string[] {
  if (!reasons) return [];
  try {
    const parsed: unknown = JSON.parse(reasons);
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

function noOpenTransaction(): JumioError {
  return new JumioError(
    JumioErrorCode.NO_OPEN_TRANSACTION,
    'There is no open transaction to update',
  );
}
