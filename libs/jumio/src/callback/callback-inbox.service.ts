import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JUMIO_REFERENCE_PATTERN } from '../common/jumio-codes';
import { preparedQuery, type PreparedQuery } from '../persistence/prepared-query';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { LeaseRenewer, WORK_LEASE_MS } from '../persistence/lease-renewer';
import { claimRows } from '../persistence/row-claims';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';
import { kyxCallbackReference } from './callback-claim';
import type { CallbackOutcome } from '../persistence/callback-inbox.entity';

const TABLE = 'jumio_callback_inbox';
/** Callbacks still to process: not processed, raw form still there (retention empties it eventually). */
const TO_PROCESS = `processed_at IS NULL AND payload <> ''`;
/** Short, renewed while the callback is worked on (see LeaseRenewer). */
const LEASE_MS = WORK_LEASE_MS;

/**
 * The stored callback, tied to the transaction whose token was in its URL, in the same statement that
 * looks the token up: one round trip, and no row at all for an unknown token. The lookup is by the
 * token's SHA-256 (unique index); timing it tells nothing usable about a token.
 */
const RECORD = (timestamp: string) => `
  INSERT INTO ${TABLE} (id, received_at, jumio_reference, scan_transaction_id, payload, processed_at,
    outcome, error_field)
  SELECT ?, ${timestamp}, ?, id, ?, ${timestamp}, ?, ? FROM jumio_scan_transaction
  WHERE callback_token_hash = ?
  RETURNING id`;

/** A callback to process: the transaction its URL token named, and its raw form (opened). */
export interface PendingCallback {
  id: string;
  receivedAt: Date;
  scanTransactionId: string | null;
  /** The Jumio reference the form names, when it is shaped like one (even if the rest is unreadable). */
  claimedReference: string | null;
  form: Record<string, unknown>;
}

/**
 * Durable record of every callback for a known token, stored unprocessed and answered whatever its body;
 * the inbox worker (CallbackConfirmation) claims it, validates and confirms it, and closes it here.
 */
@Injectable()
export class CallbackInboxService {
  private readonly dialect: SqlDialect;
  private readonly insert: PreparedQuery<{ id: string }>;
  /** Leases of the callbacks this instance claimed, renewed until they are finished or postponed. */
  readonly leases: LeaseRenewer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataCipher,
  ) {
    this.dialect = sqlDialect(dataSource);
    // PostgreSQL types a SELECT list's parameters as text, which a timestamptz column does not take.
    const timestamp = this.dialect.isPostgres ? 'CAST(? AS timestamptz)' : '?';
    this.insert = preparedQuery(dataSource, 'jumio_callback_record', RECORD(timestamp));
    this.leases = new LeaseRenewer(dataSource, this.dialect, TABLE, LEASE_MS);
  }

  /** Stores a callback to process; returns its id, or null when no transaction has this token. */
  async record(tokenHash: string, form: Record<string, unknown>): Promise<string | null> {
    const id = randomUUID();
    // Encrypted for this row, without image links; emptied once processed (see finish).
    const payload = this.personalData.sealCallbackPayload(id, form);
    const [row] = await this.insert([
      id,
      this.dialect.time(new Date()),
      claimedReference(form),
      payload,
      null,
      null,
      null,
      tokenHash,
    ]);
    return row ? id : null;
  }

  /** Whether any callback waits for processing now: one probe of a partial index (cheap when idle). */
  async anyDue(now: Date): Promise<boolean> {
    const rows = await this.dialect.rows(
      this.dataSource,
      `SELECT 1 AS due FROM ${TABLE} WHERE ${TO_PROCESS}
       AND (claimed_until IS NULL OR claimed_until < ?) LIMIT 1`,
      [this.dialect.time(now)],
    );
    return rows.length > 0;
  }

  /** Claims up to `batchSize` callbacks to process for this instance, oldest first; returns their ids. */
  claim(now: Date, batchSize: number): Promise<string[]> {
    return claimRows(
      this.dataSource,
      this.dialect,
      {
        table: TABLE,
        due: TO_PROCESS,
        dueParams: [],
        orderBy: 'received_at',
        batchSize,
        leaseMs: LEASE_MS,
      },
      now,
    );
  }

  /** Claims one callback just stored by this instance; false when another instance holds it already. */
  async claimOne(id: string, now: Date): Promise<boolean> {
    const rows = await this.dialect.rows(
      this.dataSource,
      `UPDATE ${TABLE} SET claimed_until = ? WHERE id = ? AND ${TO_PROCESS}
       AND (claimed_until IS NULL OR claimed_until < ?) RETURNING id`,
      [this.dialect.time(new Date(now.getTime() + LEASE_MS)), id, this.dialect.time(now)],
    );
    return rows.length === 1;
  }

  /** A claimed callback, or null once it was processed or its raw form purged meanwhile. */
  async load(id: string): Promise<PendingCallback | null> {
    const [row] = await this.dialect.rows<{
      received_at: Date | string;
      scan_transaction_id: string | null;
      jumio_reference: string | null;
      payload: string;
    }>(
      this.dataSource,
      `SELECT received_at, scan_transaction_id, jumio_reference, payload FROM ${TABLE}
       WHERE id = ? AND ${TO_PROCESS}`,
      [id],
    );
    const form = row ? this.personalData.openCallbackPayload(id, row.payload) : null;
    if (!row || !form) return null;
    const receivedAt =
      row.received_at instanceof Date
        ? row.received_at
        : new Date(`${row.received_at.replace(' ', 'T')}Z`);
    return {
      id,
      receivedAt,
      scanTransactionId: row.scan_transaction_id,
      claimedReference: row.jumio_reference,
      form,
    };
  }

  async finish(id: string, outcome: CallbackOutcome, errorField?: string): Promise<void> {
    await this.dialect.rows(
      this.dataSource,
      // Minimisation: the raw form is no longer needed once processed; reference, outcome and times stay.
      `UPDATE ${TABLE} SET processed_at = ?, outcome = ?, error_field = ?, payload = '',
       claimed_until = NULL WHERE id = ?`,
      [this.dialect.time(new Date()), outcome, errorField?.slice(0, 64) ?? null, id],
    );
  }

  /**
   * Callbacks of the same transaction received up to `receivedUpTo` and still unprocessed: the retrieval
   * just made answers for them too. Final: they are closed with `outcome` (no Jumio call of their own).
   * Not final (`until`): they wait as long as this one, unless another worker holds them.
   */
  async settleSiblings(
    scanTransactionId: string,
    exceptId: string,
    receivedUpTo: Date,
    settle: { outcome: CallbackOutcome } | { until: Date },
  ): Promise<void> {
    const now = this.dialect.time(new Date());
    const same = `scan_transaction_id = ? AND id <> ? AND processed_at IS NULL AND received_at <= ?`;
    const params = [scanTransactionId, exceptId, this.dialect.time(receivedUpTo)];
    if ('outcome' in settle) {
      await this.dialect.rows(
        this.dataSource,
        `UPDATE ${TABLE} SET processed_at = ?, outcome = ?, payload = '', claimed_until = NULL
         WHERE ${same}`,
        [now, settle.outcome, ...params],
      );
      return;
    }
    await this.dialect.rows(
      this.dataSource,
      `UPDATE ${TABLE} SET claimed_until = ? WHERE ${same}
       AND (claimed_until IS NULL OR claimed_until < ?)`,
      [this.dialect.time(settle.until), ...params, now],
    );
  }

  /** Leaves a claimed callback unprocessed, to be tried again from `until` on. */
  async postpone(id: string, until: Date): Promise<void> {
    await this.dialect.rows(
      this.dataSource,
      `UPDATE ${TABLE} SET claimed_until = ? WHERE id = ? AND processed_at IS NULL`,
      [this.dialect.time(until), id],
    );
  }
}

/** NV `jumioIdScanReference` or DV `scanReference`, kept only when it is shaped like a Jumio reference. */
function claimedReference(form: Record<string, unknown>): string | null {
  const value = form.jumioIdScanReference ?? form.scanReference ?? kyxCallbackReference(form);
  return typeof value === 'string' && JUMIO_REFERENCE_PATTERN.test(value) ? value : null;
}
