import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { failureSummary } from '../common/failure-summary';
import { runInTransaction } from './db-transaction';
import type { SqlDialect } from './sql-dialect';

/**
 * How long a claim on background work (an inbox callback, a reconciliation check, an outbox event) keeps
 * other instances away. Short, and renewed while the work goes on: the rows of an instance that died are
 * picked up by another one within seconds, not minutes.
 */
export const WORK_LEASE_MS = 15_000;

/**
 * Keeps the leases of the rows this instance works on alive: every third of the lease, one UPDATE
 * pushes `claimed_until` of the held rows forward. It never shortens a longer claim (a row postponed
 * on purpose) and never revives a released one (`claimed_until` NULL). `release` hands rows back, for a clean shutdown.
 */
export class LeaseRenewer {
  private readonly logger = new Logger('JumioLeases');
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: SqlDialect,
    /** Table name: a constant of this module, never input. */
    private readonly table: string,
    readonly leaseMs: number = WORK_LEASE_MS,
  ) {}

  hold(ids: Iterable<string>): void {
    for (const id of ids) this.held.add(id);
    if (this.held.size > 0 && !this.timer) {
      this.timer = setInterval(() => void this.renew(), Math.max(100, this.leaseMs / 3));
      this.timer.unref();
    }
  }

  drop(id: string): void {
    this.held.delete(id);
    if (this.held.size === 0) this.stopTimer();
  }

  /** Gives rows back (unstarted work at shutdown): other instances may take them at once. */
  async release(ids: string[]): Promise<void> {
    for (const id of ids) this.drop(id);
    if (ids.length === 0) return;
    await this.update(`claimed_until = NULL`, [], ids).catch((error: unknown) =>
      this.logger.warn(
        `Claims not released; they lapse with their lease: ${failureSummary(error)}`,
      ),
    );
  }

  /** Stops renewing (shutdown); what is still held lapses with its lease. */
  stop(): void {
    this.held.clear();
    this.stopTimer();
  }

  private async renew(): Promise<void> {
    const ids = [...this.held];
    if (ids.length === 0) return;
    const until = this.dialect.time(new Date(Date.now() + this.leaseMs));
    await this.update(
      `claimed_until = ?`,
      [until],
      ids,
      `AND claimed_until IS NOT NULL AND claimed_until < ?`,
      [until],
    ).catch((error: unknown) => this.logger.warn(`Lease renewal failed: ${failureSummary(error)}`));
  }

  private update(
    set: string,
    setParams: unknown[],
    ids: string[],
    extra = '',
    extraParams: unknown[] = [],
  ): Promise<unknown> {
    const placeholders = ids.map(() => '?').join(', ');
    return runInTransaction(this.dataSource, (manager) =>
      this.dialect.rows(
        manager,
        `UPDATE ${this.table} SET ${set} WHERE id IN (${placeholders}) ${extra}`,
        [...setParams, ...ids, ...extraParams],
      ),
    );
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
