import type { DataSource } from 'typeorm';
import { runInTransaction } from './database-engine';
import { ScanTransaction } from './scan-transaction.entity';
import { sqlDialect, type SqlDialect } from './database-engine';
import { WorkLeases } from './work-leases';

const TABLE = 'jumio_scan_transaction';
/** What a re-check schedule is for: restarted when this changes (started → uploaded, reference learned). */
const CHECK_BASIS = `status || '|' || CASE WHEN jumio_reference IS NULL THEN '-' ELSE 'R' END`;

/**
 * The statements background work runs on `jumio_scan_transaction` (the routes' are the store's):
 * reconciliation's schedule, its leases (`claimed_until`), and reads of one transaction. Built on the
 * background DataSource.
 */
export class ScanTransactionWorkRepository {
  readonly leases: WorkLeases;
  private readonly dialect: SqlDialect;

  constructor(
    private readonly dataSource: DataSource,
    leaseMs?: number,
  ) {
    this.dialect = sqlDialect(dataSource);
    this.leases = new WorkLeases(dataSource, this.dialect, TABLE, leaseMs);
  }

  findById(id: string): Promise<ScanTransaction | null> {
    return this.dataSource.getRepository(ScanTransaction).findOneBy({ id });
  }

  /**
   * A transaction new to reconciliation, or whose state moved on, starts its schedule from the top
   * (`firstCheckAt`). An uploaded POA waiting for the user's POI result is due again as soon as that POI
   * was decided after the POA's last check.
   */
  async restartChangedSchedules(now: Date, firstCheckAt: Date): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      await this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET check_count = 0, next_check_at = ?, check_basis = ${CHECK_BASIS}
         WHERE open_key IS NOT NULL AND (check_basis IS NULL OR check_basis <> ${CHECK_BASIS})`,
        [this.dialect.time(firstCheckAt)],
      );
      await this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET next_check_at = ?
         WHERE type = 'POA' AND open_key IS NOT NULL AND status = 'SUCCESS' AND next_check_at > ?
           AND EXISTS (SELECT 1 FROM ${TABLE} poi WHERE poi.user_id = ${TABLE}.user_id AND poi.type = 'POI'
             AND poi.completed_at > COALESCE(${TABLE}.last_checked_at, ${TABLE}.created_at))`,
        [this.dialect.time(now), this.dialect.time(now)],
      );
    });
  }

  /** Leases up to `size` open transactions whose check is due by `dueBy`, soonest first (held). */
  takeDue(dueBy: Date, now: Date, size: number): Promise<string[]> {
    return this.leases.take(
      {
        where: 'open_key IS NOT NULL AND next_check_at <= ?',
        params: [this.dialect.time(dueBy)],
        orderBy: 'next_check_at',
        size,
      },
      now,
    );
  }

  async checkCount(id: string): Promise<number> {
    const rows = await this.dialect.rows<{ check_count: number | string }>(
      this.dataSource,
      `SELECT check_count FROM ${TABLE} WHERE id = ?`,
      [id],
    );
    return Number(rows[0]?.check_count ?? 0);
  }

  /** Counts a check, plans the next one and ends the lease, without touching the row's version. */
  async finishCheck(id: string, checkedAt: Date, nextCheckAt: Date): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      this.dialect.rows(
        manager,
        `UPDATE ${TABLE} SET check_count = check_count + 1, last_checked_at = ?, next_check_at = ?,
         claimed_until = NULL WHERE id = ?`,
        [this.dialect.time(checkedAt), this.dialect.time(nextCheckAt), id],
      ),
    );
  }
}
