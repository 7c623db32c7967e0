import type { DataSource } from 'typeorm';
import { sqlDialect } from '../persistence/sql-dialect';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';
import { FieldCipher } from './field-cipher';

export interface ReencryptionReport {
  table: string;
  column: string;
  /** Values rewritten with the current key (older key, or legacy plaintext). */
  reencrypted: number;
  /** Values already on the current key. */
  current: number;
  /** Values changed by someone else between read and write; they were written by a current writer. */
  raced: number;
  /** Row ids whose value does not decrypt (unknown key, tampered): left untouched, never logged by value. */
  failedRowIds: string[];
}

export interface ReencryptOptions {
  /** Rows read per query. Default 200. */
  batchSize?: number;
  columns?: readonly EncryptedColumn[];
}

interface StoredRow {
  id: string;
  value: string;
}

/**
 * Re-encrypts every encrypted value to the cipher's current key, row by row in id order (plain SQL: table
 * and column names come from ENCRYPTED_COLUMNS, never from input). Safe to run while
 * the service is up and safe to re-run: each write is guarded by the value it read (`WHERE value = :seen`),
 * so a concurrent update always wins, and values already on the current key are skipped.
 */
export async function reencryptAll(
  dataSource: DataSource,
  cipher: FieldCipher,
  options: ReencryptOptions = {},
): Promise<ReencryptionReport[]> {
  const reports: ReencryptionReport[] = [];
  for (const column of options.columns ?? ENCRYPTED_COLUMNS) {
    reports.push(await reencryptColumn(dataSource, cipher, column, options.batchSize ?? 200));
  }
  return reports;
}

async function reencryptColumn(
  dataSource: DataSource,
  cipher: FieldCipher,
  target: EncryptedColumn,
  batchSize: number,
): Promise<ReencryptionReport> {
  const report: ReencryptionReport = {
    table: target.table,
    column: target.column,
    reencrypted: 0,
    current: 0,
    raced: 0,
    failedRowIds: [],
  };
  let afterId = '';
  for (;;) {
    const rows = await readBatch(dataSource, target, afterId, batchSize);
    for (const row of rows) {
      if (!cipher.needsReencryption(row.value)) {
        report.current += 1;
        continue;
      }
      const location = { table: target.table, rowId: row.id, column: target.column };
      let plaintext: string;
      try {
        plaintext = FieldCipher.isEncrypted(row.value)
          ? cipher.decrypt(row.value, location)
          : row.value;
      } catch {
        report.failedRowIds.push(row.id);
        continue;
      }
      const written = await writeIfUnchanged(
        dataSource,
        target,
        row,
        cipher.encrypt(plaintext, location),
      );
      if (written) report.reencrypted += 1;
      else report.raced += 1;
    }
    if (rows.length < batchSize) return report;
    afterId = rows[rows.length - 1].id;
  }
}

function readBatch(
  dataSource: DataSource,
  target: EncryptedColumn,
  afterId: string,
  batchSize: number,
): Promise<StoredRow[]> {
  const { table, idColumn, column } = target;
  return sqlDialect(dataSource).rows<StoredRow>(
    dataSource,
    `SELECT "${idColumn}" AS id, "${column}" AS value FROM "${table}"
     WHERE "${column}" IS NOT NULL AND "${column}" <> '' AND "${idColumn}" > ?
     ORDER BY "${idColumn}" LIMIT ${Math.max(1, Math.floor(batchSize))}`,
    [afterId],
  );
}

async function writeIfUnchanged(
  dataSource: DataSource,
  target: EncryptedColumn,
  row: StoredRow,
  value: string,
): Promise<boolean> {
  const { table, idColumn, column } = target;
  const written = await sqlDialect(dataSource).rows<{ id: string }>(
    dataSource,
    `UPDATE "${table}" SET "${column}" = ? WHERE "${idColumn}" = ? AND "${column}" = ? RETURNING "${idColumn}" AS id`,
    [value, row.id, row.value],
  );
  return written.length === 1;
}
