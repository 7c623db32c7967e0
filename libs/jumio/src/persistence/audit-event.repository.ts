import type { DbSession } from './database-engine';
import { AuditEvent } from './audit-event.entity';

/**
 * Writes of the request paths on jumio_audit_event: an event is only ever appended, inside the database
 * transaction of the change it records.
 */
export async function appendAuditEvent(session: DbSession, event: AuditEvent): Promise<void> {
  await session.insert(AuditEvent, event);
}
