import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { failureSummary } from '../common/failure-summary';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';
import { runInTransaction } from '../persistence/db-transaction';
import { openKeyOf } from '../transaction/scan-transaction.rules';
import type { ScanType } from '../persistence/scan-transaction.types';
import { isUniqueViolation } from '../persistence/unique-violation';

const TABLE = 'jumio_start_claim';
/** How often a waiting start looks whether the start in flight has finished. */
const POLL_MS = 50;

/** A held claim: released by its owner only, so a takeover after a lapse is never undone by the loser. */
export interface StartClaim {
  key: string;
  owner: string;
}

export type ClaimAttempt =
  | { won: true; claim: StartClaim }
  /** `holderFingerprint` null: the holder finished between our attempt and our look. */
  | { won: false; holderFingerprint: string | null };

/**
 * At most one start per user and type talks to Jumio at a time, across instances: a start inserts the
 * step's claim row (primary key = the step) before it pays Jumio and deletes it when done. The row names
 * the request (its fingerprint) so that others can tell a repeat of it from a different request. The key
 * is a hash of the step, so the table holds no user id (a lapsed row of a crashed instance may linger).
 */
@Injectable()
export class StartClaims {
  private readonly logger = new Logger('JumioStartClaims');
  private readonly dialect: SqlDialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = sqlDialect(dataSource);
  }

  /** Claims the step for one start until `now + leaseMs`, taking over a lapsed claim. */
  async claim(
    userId: string,
    type: ScanType,
    requestFingerprint: string,
    now: Date,
    leaseMs: number,
  ): Promise<ClaimAttempt> {
    const claim: StartClaim = { key: claimKeyOf(userId, type), owner: randomUUID() };
    const until = new Date(now.getTime() + leaseMs);
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        await this.dialect.rows(
          manager,
          `DELETE FROM ${TABLE} WHERE claim_key = ? AND claimed_until < ?`,
          [claim.key, this.dialect.time(now)],
        );
        await this.dialect.rows(
          manager,
          `INSERT INTO ${TABLE} (claim_key, owner, request_fingerprint, claimed_until)
           VALUES (?, ?, ?, ?)`,
          [claim.key, claim.owner, requestFingerprint, this.dialect.time(until)],
        );
      });
      return { won: true, claim };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return { won: false, holderFingerprint: await this.holderFingerprint(claim.key, now) };
  }

  /** Ends a claim. Never throws: a claim that cannot be deleted lapses with its lease. */
  async release(claim: StartClaim): Promise<void> {
    try {
      await runInTransaction(this.dataSource, (manager) =>
        this.dialect.rows(manager, `DELETE FROM ${TABLE} WHERE claim_key = ? AND owner = ?`, [
          claim.key,
          claim.owner,
        ]),
      );
    } catch (error) {
      this.logger.warn(
        `A start claim could not be released; it lapses with its lease: ${failureSummary(error)}`,
      );
    }
  }

  /** Whether a start of the step is in flight (a claim within its lease). */
  async inFlight(userId: string, type: ScanType, now: Date = new Date()): Promise<boolean> {
    return (await this.holderFingerprint(claimKeyOf(userId, type), now)) !== null;
  }

  /** Waits until the step's claim is released or lapses; false when `deadline` comes first. */
  async waitUntilFree(userId: string, type: ScanType, deadline: Date): Promise<boolean> {
    const key = claimKeyOf(userId, type);
    for (;;) {
      const now = new Date();
      if ((await this.holderFingerprint(key, now)) === null) return true;
      const left = deadline.getTime() - now.getTime();
      if (left <= 0) return false;
      await sleep(Math.min(POLL_MS, left));
    }
  }

  private async holderFingerprint(key: string, now: Date): Promise<string | null> {
    const rows = await this.dialect.rows<{ request_fingerprint: string }>(
      this.dataSource,
      `SELECT request_fingerprint FROM ${TABLE} WHERE claim_key = ? AND claimed_until >= ?`,
      [key, this.dialect.time(now)],
    );
    return rows[0]?.request_fingerprint ?? null;
  }
}

function claimKeyOf(userId: string, type: ScanType): string {
  return createHash('sha256').update(openKeyOf(userId, type), 'utf8').digest('hex');
}
