import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { failureSummary } from '../common/failure-summary';
import { StartClaimRepository } from '../persistence/start-claim.repository';
import { openKeyOf } from '../transaction/scan-transaction.rules';
import type { ScanType } from '../persistence/scan-transaction.types';

/** How often a waiting start looks whether the start in flight has finished. */
const POLL_MS = 50;
/** How often a release the database refused is tried again, until the claim's lease ends. */
const RELEASE_RETRY_MS = 250;

/** A held claim: released by its owner only, so a takeover after a lapse is never undone by the loser. */
export interface StartClaim {
  key: string;
  owner: string;
  /** The end of its lease: then it lapses by itself. */
  until: Date;
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
  constructor(private readonly claims: StartClaimRepository) {}

  /** Claims the step for one start until `now + leaseMs`, taking over a lapsed claim. */
  async claim(
    userId: string,
    type: ScanType,
    requestFingerprint: string,
    now: Date,
    leaseMs: number,
  ): Promise<ClaimAttempt> {
    const until = new Date(now.getTime() + leaseMs);
    const claim: StartClaim = { key: claimKeyOf(userId, type), owner: randomUUID(), until };
    if (
      await this.claims.insertUnlessHeld(claim.key, claim.owner, requestFingerprint, now, until)
    ) {
      return { won: true, claim };
    }
    return { won: false, holderFingerprint: await this.claims.holderFingerprint(claim.key, now) };
  }

  /**
   * Ends a claim. Never throws: a claim that cannot be deleted (the database away) is tried again in the
   * background until its lease ends, so that once the database is back an identical start waiting for it
   * (a double click, a client's retry) goes on at once instead of waiting for the lease to lapse.
   */
  async release(claim: StartClaim): Promise<void> {
    try {
      await this.claims.delete(claim.key, claim.owner);
    } catch (error) {
      this.logger.warn(
        `A start claim could not be released; tried again until its lease ends: ${failureSummary(error)}`,
      );
      this.releaseLater(claim);
    }
  }

  private releaseLater(claim: StartClaim): void {
    const retry = () => {
      if (Date.now() >= claim.until.getTime()) return; // lapsed: nothing left to free
      this.claims.delete(claim.key, claim.owner).catch(() => schedule());
    };
    const schedule = () => setTimeout(retry, RELEASE_RETRY_MS).unref();
    schedule();
  }

  /** Whether a start of the step is in flight (a claim within its lease). */
  async inFlight(userId: string, type: ScanType, now: Date = new Date()): Promise<boolean> {
    return (await this.claims.holderFingerprint(claimKeyOf(userId, type), now)) !== null;
  }

  /** Waits until the step's claim is released or lapses; false when `deadline` comes first. */
  async waitUntilFree(userId: string, type: ScanType, deadline: Date): Promise<boolean> {
    const key = claimKeyOf(userId, type);
    for (;;) {
      const now = new Date();
      if ((await this.claims.holderFingerprint(key, now)) === null) return true;
      const left = deadline.getTime() - now.getTime();
      if (left <= 0) return false;
      await sleep(Math.min(POLL_MS, left));
    }
  }
}

function claimKeyOf(userId: string, type: ScanType): string {
  return createHash('sha256').update(openKeyOf(userId, type), 'utf8').digest('hex');
}
