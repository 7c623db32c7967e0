import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction, sqlDialect, type SqlDialect } from './database-engine';
import { isUniqueViolation } from './unique-violation';

const TABLE = 'jumio_start_claim';

/** Every statement on jumio_start_claim (one row per step with a start talking to Jumio). */
@Injectable()
export class StartClaimRepository {
  private readonly dialect: SqlDialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = sqlDialect(dataSource);
  }

  /**
   * Inserts the step's claim until `until`, first deleting one that lapsed before `now`; false when a
   * claim within its lease holds the step.
   */
  async insertUnlessHeld(
    key: string,
    owner: string,
    requestFingerprint: string,
    now: Date,
    until: Date,
  ): Promise<boolean> {
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        await this.dialect.rows(
          manager,
          `DELETE FROM ${TABLE} WHERE claim_key = ? AND claimed_until < ?`,
          [key, this.dialect.time(now)],
        );
        await this.dialect.rows(
          manager,
          `INSERT INTO ${TABLE} (claim_key, owner, request_fingerprint, claimed_until)
           VALUES (?, ?, ?, ?)`,
          [key, owner, requestFingerprint, this.dialect.time(until)],
        );
      });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return false;
    }
  }

  /** Deletes the claim if `owner` still holds it (a takeover after a lapse is never undone). */
  async delete(key: string, owner: string): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      this.dialect.rows(manager, `DELETE FROM ${TABLE} WHERE claim_key = ? AND owner = ?`, [
        key,
        owner,
      ]),
    );
  }

  /** The request fingerprint of the claim holding the step at `now`, or null when none does. */
  async holderFingerprint(key: string, now: Date): Promise<string | null> {
    const rows = await this.dialect.rows<{ request_fingerprint: string }>(
      this.dataSource,
      `SELECT request_fingerprint FROM ${TABLE} WHERE claim_key = ? AND claimed_until >= ?`,
      [key, this.dialect.time(now)],
    );
    return rows[0]?.request_fingerprint ?? null;
  }
}
