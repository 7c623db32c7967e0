import type { DataSource } from 'typeorm';
import { dateOf, preparedQuery } from './database-engine';
import type { ScanTransaction } from './scan-transaction.entity';
import type { ScanType } from './scan-transaction.types';

/** The columns of a transaction that clients see. */
export type StatusFields = Pick<
  ScanTransaction,
  | 'id'
  | 'status'
  | 'channel'
  | 'jumioReference'
  | 'attempt'
  | 'decision'
  | 'jumioStatus'
  | 'reasons'
  | 'completedAt'
  | 'updatedAt'
>;

/**
 * "The user's newest transaction" of a step, written once: the open transaction if any (always the
 * newest), else the newest closed one. Served by the index IDX_jumio_scan_transaction_user_type
 * (user_id, type, created_at). Used by `ScanTransactionRepository.latest` and the status read below.
 */
export const STEP_ROWS = 'user_id = :userId AND type = :type';
export const NEWEST_FIRST: Readonly<Record<string, 'ASC' | 'DESC'>> = {
  'CASE WHEN open_key IS NULL THEN 1 ELSE 0 END': 'ASC',
  created_at: 'DESC',
};

/** The status read, the busiest route of the module: only the columns clients see. */
const LATEST_STATUS = `
  SELECT id, status, channel, jumio_reference, attempt, decision, jumio_status, reasons, completed_at,
    updated_at
  FROM jumio_scan_transaction
  WHERE ${STEP_ROWS.replace(/:\w+/g, '?')}
  ORDER BY ${Object.entries(NEWEST_FIRST)
    .map(([expression, direction]) => `${expression} ${direction}`)
    .join(', ')}
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
  completed_at: Date | string | null;
  updated_at: Date | string;
}

/** One prepared statement answering a step's status fields, or null before the first start. */
export function latestStatusQuery(
  dataSource: DataSource,
): (userId: string, type: ScanType) => Promise<StatusFields | null> {
  const query = preparedQuery<StatusRow>(dataSource, 'jumio_latest_status', LATEST_STATUS);
  return (userId, type) => query([userId, type]).then(firstAsStatusFields);
}

function firstAsStatusFields(rows: StatusRow[]): StatusFields | null {
  return rows.length > 0 ? toStatusFields(rows[0]) : null;
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
    completedAt: row.completed_at === null ? null : dateOf(row.completed_at),
    updatedAt: dateOf(row.updated_at),
  };
}
