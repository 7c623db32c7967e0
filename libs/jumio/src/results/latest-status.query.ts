import type { DataSource } from 'typeorm';
import { preparedQuery } from '../persistence/prepared-query';
import type { StatusFields } from './scan-transaction-status.response';
import type { ScanType } from '../persistence/scan-transaction.types';

/**
 * The status read, the busiest route of the module: the step's newest transaction (the open one first,
 * as `ScanTransactionStore.latest`), only the columns clients see, served by the index
 * IDX_jumio_scan_transaction_user_type (user_id, type, created_at).
 */
const LATEST_STATUS = `
  SELECT id, status, channel, jumio_reference, attempt, decision, jumio_status, reasons, completed_at,
    updated_at
  FROM jumio_scan_transaction
  WHERE user_id = ? AND type = ?
  ORDER BY CASE WHEN open_key IS NULL THEN 1 ELSE 0 END, created_at DESC
  LIMIT 1`;

interface StatusRow {
  id: string;
  status: StatusFields['status'];
  channel: StatusFields['channel'];
  jumio_reference: string | null;
  attempt: number;
  decision: StatusFields['decision'];
  jumio_status: string | null;
  reasons: string | null;
  /** Date from `pg` (timestamptz); UTC text 'YYYY-MM-DD HH:MM:SS.SSS' from SQLite. */
  completed_at: Date | string | null;
  updated_at: Date | string;
}

/** One prepared statement answering a step's status fields, or null before the first start. */
export function latestStatusQuery(
  dataSource: DataSource,
): (userId: string, type: ScanType) => Promise<StatusFields | null> {
  const query = preparedQuery<StatusRow>(dataSource, 'jumio_latest_status', LATEST_STATUS);
  return async (userId, type) => {
    const [row] = await query([userId, type]);
    return row ? toStatusFields(row) : null;
  };
}

function toStatusFields(row: StatusRow): StatusFields {
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    jumioReference: row.jumio_reference,
    attempt: Number(row.attempt),
    decision: row.decision,
    jumioStatus: row.jumio_status,
    reasons: row.reasons,
    completedAt: row.completed_at === null ? null : toDate(row.completed_at),
    updatedAt: toDate(row.updated_at),
  };
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
