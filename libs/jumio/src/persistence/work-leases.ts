import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { failureSummary } from '../common/failure-summary';
import { runInTransaction } from './database-engine';
import type { SqlDialect } from './database-engine';

/**
 * How long a lease on background work (an inbox callback, a reconciliation check, an outbox event) keeps
 * other instances away. Short, and renewed while the work goes on: the rows of an instance that died are
 * picked up by another one within seconds, not minutes.
 */
export const WORK_LEASE_MS = 15_000;

/** Which rows of a table are due for work (leases aside). */
export interface DueRows {
  /** SQL condition with `?` placeholders: a constant of this module, never input. */
  where: string;
  params?: unknown[];
}

/** A batch of due rows: which go first and how many. */
export interface DueBatch extends DueRows {
  /** SQL ORDER BY expression. */
  orderBy: string;
  size: number;
}

/**
 * The one row-lease helper of every worker. A row is leased by writing a time into its lease column
 * (`claimed_until` unless told otherwise): until then no other instance takes it; once the time passed
 * (the holder died, or stopped renewing) any instance may take it again. Held leases are renewed by
 * `renewHeld` (the scheduler's lease-renewal job, every third of the lease); a finished row's lease is
 * cleared by the statement that finishes it; `release` hands rows back at shutdown.
 *
 * PostgreSQL leases a batch in one statement (`FOR UPDATE SKIP LOCKED`: concurrent takers pass over each
 * other's rows instead of waiting); SQLite with a guarded `UPDATE` per candidate, where only the instance
 * whose update changed the row holds it.
 */
export class WorkLeases {
  private readonly logger = new Logger('JumioLeases');
  private readonly held = new Set<string>();
  private readonly column: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: SqlDialect,
    /** Table name: a constant of this module, never input. */
    readonly table: string,
    readonly leaseMs: number = WORK_LEASE_MS,
    options: { column?: string } = {},
  ) {
    this.column = options.column ?? 'claimed_until';
  }

  /** SQL condition: nobody holds the row's lease at `?` (a time parameter). */
  get free(): string {
    return `(${this.column} IS NULL OR ${this.column} <= ?)`;
  }

  /** Leases up to `batch.size` due rows, held (renewed) from now on; returns their ids. */
  async take(batch: DueBatch, now: Date): Promise<string[]> {
    const until = this.dialect.time(new Date(now.getTime() + this.leaseMs));
    const size = Math.max(1, Math.floor(batch.size));
    const due = `(${batch.where}) AND ${this.free}`;
    const dueParams = [...(batch.params ?? []), this.dialect.time(now)];
    const ids = await runInTransaction(this.dataSource, async (manager) => {
      if (this.dialect.isPostgres) {
        const rows = await this.dialect.rows<{ id: string }>(
          manager,
          `UPDATE ${this.table} SET ${this.column} = ? WHERE id IN (
             SELECT id FROM ${this.table} WHERE ${due}
             ORDER BY ${batch.orderBy} LIMIT ${size} FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          [until, ...dueParams],
        );
        return rows.map((row) => row.id);
      }
      const candidates = await this.dialect.rows<{ id: string }>(
        manager,
        `SELECT id FROM ${this.table} WHERE ${due} ORDER BY ${batch.orderBy} LIMIT ${size}`,
        dueParams,
      );
      const taken: string[] = [];
      for (const { id } of candidates) {
        const won = await this.dialect.rows<{ id: string }>(
          manager,
          `UPDATE ${this.table} SET ${this.column} = ? WHERE id = ? AND ${due} RETURNING id`,
          [until, id, ...dueParams],
        );
        if (won.length === 1) taken.push(id);
      }
      return taken;
    });
    this.hold(ids);
    return ids;
  }

  /**
   * Leases one row when it is due and free, in one statement, and returns the columns asked for (null
   * when another instance holds it or it is not due). Not held: call `hold` when work on it starts.
   * `alsoSet`: more assignments of the same statement (a constant of this module, never input).
   */
  async takeOne<Row = { id: string }>(
    id: string,
    due: DueRows,
    now: Date,
    options: { returning?: string; alsoSet?: string; leaseMs?: number } = {},
  ): Promise<Row | null> {
    const until = this.dialect.time(new Date(now.getTime() + (options.leaseMs ?? this.leaseMs)));
    const set = options.alsoSet ? `, ${options.alsoSet}` : '';
    const [row] = await this.dialect.rows<Row>(
      this.dataSource,
      `UPDATE ${this.table} SET ${this.column} = ?${set} WHERE id = ? AND (${due.where})
       AND ${this.free} RETURNING ${options.returning ?? 'id'}`,
      [until, id, ...(due.params ?? []), this.dialect.time(now)],
    );
    return row ?? null;
  }

  /** Whether any row is due and free: one probe (of a partial index, where the table has one). */
  async anyDue(due: DueRows, now: Date): Promise<boolean> {
    const rows = await this.dialect.rows(
      this.dataSource,
      `SELECT 1 AS due FROM ${this.table} WHERE (${due.where}) AND ${this.free} LIMIT 1`,
      [...(due.params ?? []), this.dialect.time(now)],
    );
    return rows.length > 0;
  }

  /** Rows this instance works on: their leases are renewed until `drop`. */
  hold(ids: Iterable<string>): void {
    for (const id of ids) this.held.add(id);
  }

  drop(id: string): void {
    this.held.delete(id);
  }

  get heldCount(): number {
    return this.held.size;
  }

  /**
   * Pushes the leases of the held rows forward, in one UPDATE. It never shortens a longer lease (a row
   * postponed on purpose) and never revives a released one (lease column NULL).
   */
  async renewHeld(now: Date = new Date()): Promise<void> {
    const ids = [...this.held];
    if (ids.length === 0) return;
    const until = this.dialect.time(new Date(now.getTime() + this.leaseMs));
    await this.update(
      `${this.column} = ?`,
      [until],
      ids,
      `AND ${this.column} IS NOT NULL AND ${this.column} < ?`,
      [until],
    ).catch((error: unknown) => this.logger.warn(`Lease renewal failed: ${failureSummary(error)}`));
  }

  /** Gives rows back (unstarted work at shutdown): other instances may take them at once. */
  async release(ids: string[]): Promise<void> {
    for (const id of ids) this.drop(id);
    if (ids.length === 0) return;
    await this.update(`${this.column} = NULL`, [], ids).catch((error: unknown) =>
      this.logger.warn(`Leases not released; they lapse by themselves: ${failureSummary(error)}`),
    );
  }

  /** Stops renewing (shutdown); what is still held lapses with its lease. */
  stop(): void {
    this.held.clear();
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
}
