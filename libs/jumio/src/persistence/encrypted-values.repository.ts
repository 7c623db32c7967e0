import type { DataSource } from 'typeorm';
import { sqlDialect, type SqlDialect } from './database-engine';

/** An encrypted text column: constants of this module (persistence/encrypted-columns.ts), never input. */
export interface EncryptedValueColumn {
  table: string;
  idColumn: string;
  column: string;
}

/** One stored encrypted (or legacy plaintext) value and its row id. */
export interface StoredValue {
  id: string;
  value: string;
}

/**
 * The statements of key rotation (data-protection/reencrypt-all.ts): the same two on every encrypted
 * column, whatever its table, so they live here rather than in each table's repository.
 */
export class EncryptedValuesRepository {
  private readonly dialect: SqlDialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = sqlDialect(dataSource);
  }

  /** Up to `batchSize` non-empty values with a row id after `afterId`, in id order. */
  readBatch(
    target: EncryptedValueColumn,
    afterId: string,
    batchSize: number,
  ): Promise<StoredValue[]> {
    const { table, idColumn, column } = target;
    return this.dialect.rows<StoredValue>(
      this.dataSource,
      `SELECT "${idColumn}" AS id, "${column}" AS value FROM "${table}"
     WHERE "${column}" IS NOT NULL AND "${column}" <> '' AND "${idColumn}" > ?
     ORDER BY "${idColumn}" LIMIT ${Math.max(1, Math.floor(batchSize))}`,
      [afterId],
    );
  }

  /** Writes `value` where the row still holds what was read; false when someone changed it meanwhile. */
  async writeIfUnchanged(
    target: EncryptedValueColumn,
    row: StoredValue,
    value: string,
  ): Promise<boolean> {
    const { table, idColumn, column } = target;
    const written = await this.dialect.rows<{ id: string }>(
      this.dataSource,
      `UPDATE "${table}" SET "${column}" = ? WHERE "${idColumn}" = ? AND "${column}" = ? RETURNING "${idColumn}" AS id`,
      [value, row.id, row.value],
    );
    return written.length === 1;
  }
}
