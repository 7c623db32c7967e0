import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DbSession } from './database-engine';
import { AuditEvent, type AuditAction } from './audit-event.entity';

/**
 * Writes of the request paths on jumio_audit_event: an event is only ever appended, inside the database
 * transaction of the change it records.
 */
export async function appendAuditEvent(session: DbSession, event: AuditEvent): Promise<void> {
  await session.insert(AuditEvent, event);
}

/** The reads on jumio_audit_event. */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these transactions have an audit event with `action`. */
  async transactionsWith(action: AuditAction, scanTransactionIds: string[]): Promise<Set<string>> {
    if (scanTransactionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .select('a.scanTransactionId', 'id')
      .where('a.action = :action AND a.scanTransactionId IN (:...ids)', {
        action,
        ids: scanTransactionIds,
      })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }
}
