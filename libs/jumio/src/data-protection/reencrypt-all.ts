import type { EncryptedValuesRepository } from '../persistence/encrypted-values.repository';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from '../persistence/encrypted-columns';
import { FieldCipher } from '../persistence/field-cipher';

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

/**
 * Re-encrypts every encrypted value to the cipher's current key, row by row in id order (plain SQL: table
 * and column names come from ENCRYPTED_COLUMNS, never from input). Safe to run while
 * the service is up and safe to re-run: each write is guarded by the value it read (`WHERE value = :seen`),
 * so a concurrent update always wins, and values already on the current key are skipped.
 */
export async function reencryptAll(
  values: EncryptedValuesRepository,
  cipher: FieldCipher,
  options: ReencryptOptions = {},
): Promise<ReencryptionReport[]> {
  const reports: ReencryptionReport[] = [];
  for (const column of options.columns ?? ENCRYPTED_COLUMNS) {
    reports.push(await reencryptColumn(values, cipher, column, options.batchSize ?? 200));
  }
  return reports;
}

async function reencryptColumn(
  values: EncryptedValuesRepository,
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
    const rows = await values.readBatch(target, afterId, batchSize);
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
      const written = await values.writeIfUnchanged(
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
