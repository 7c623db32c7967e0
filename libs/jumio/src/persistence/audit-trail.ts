import { randomUUID } from 'node:crypto';
import type { DbSession } from './database-engine';
import { appendAuditEvent } from './audit-event.repository';
import type { ResultSource, ScanStatus } from './scan-transaction.types';
import type { VerificationDecision } from './verification.types';
import type { AuditAction, AuditCause } from './audit-event.entity';

/** The audited part of a transaction's state. */
export interface AuditedState {
  status: ScanStatus | null;
  decision: VerificationDecision | null;
}

/** Who made a change by hand and why (the review queue); a reason code, never free text. */
export interface AuditDetail {
  actorId: string;
  reason: string;
}

export interface AuditEntry {
  scanTransactionId: string;
  cause: AuditCause;
  action: AuditAction;
  previous: AuditedState;
  next: AuditedState;
  at?: Date;
  detail?: AuditDetail;
}

/** Appends one audit event through `session`, i.e. inside the caller's database transaction. */
export async function recordAuditEvent(session: DbSession, entry: AuditEntry): Promise<void> {
  await appendAuditEvent(session, {
    id: randomUUID(),
    scanTransactionId: entry.scanTransactionId,
    occurredAt: entry.at ?? new Date(),
    cause: entry.cause,
    action: entry.action,
    previousStatus: entry.previous.status,
    newStatus: entry.next.status,
    previousDecision: entry.previous.decision,
    newDecision: entry.next.decision,
    actorId: entry.detail?.actorId ?? null,
    reason: entry.detail?.reason ?? null,
  });
}

/**
 * Records a state change of a transaction (`previous` → `next`) in the caller's database transaction.
 * Call it next to the guarded UPDATE that made the change; nothing is written when nothing changed.
 * `previous` is `null` for a transaction that was just created.
 */
export async function recordStateChange(
  session: DbSession,
  cause: AuditCause,
  scanTransactionId: string,
  previous: AuditedState | null,
  next: AuditedState,
  detail?: AuditDetail,
): Promise<void> {
  const before = previous ?? { status: null, decision: null };
  if (before.status === next.status && before.decision === next.decision) return;
  await recordAuditEvent(session, {
    scanTransactionId,
    cause,
    action: 'STATE_CHANGED',
    previous: { status: before.status, decision: before.decision },
    next: { status: next.status, decision: next.decision },
    detail,
  });
}

/** A result's source as an audit cause: callbacks are CALLBACK, Retrieval API re-checks RECONCILIATION. */
export function auditCauseOf(source: ResultSource): AuditCause {
  return source === 'CALLBACK' ? 'CALLBACK' : 'RECONCILIATION';
}

/** Whether applying `changes` moves the audited state (status or decision). */
export function changesAuditedState(before: AuditedState, changes: Partial<AuditedState>): boolean {
  return (
    (changes.status !== undefined && changes.status !== before.status) ||
    (changes.decision !== undefined && changes.decision !== before.decision)
  );
}
