import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackInboxEntry, type CallbackOutcome } from './callback-inbox.entity';
import { ScanTransaction } from './scan-transaction.entity';
import { preparedQuery, type DbSession, type PreparedQuery } from './database-engine';

import { sqlDialect, type SqlDialect } from './database-engine';
import { WorkLeases, type DueRows } from './work-leases';

export const CALLBACK_INBOX_TABLE = 'jumio_callback_inbox';
/** Callbacks still to process: not processed, raw form still there (retention empties it eventually). */
const TO_PROCESS: DueRows = { where: `processed_at IS NULL AND payload <> ''` };
const STORED_COLUMNS = 'received_at, scan_transaction_id, jumio_reference, payload';

/**
 * The stored callback, tied to the transaction whose token was in its URL, in the same statement that
 * looks the token up: one round trip, and no row at all for an unknown token. The lookup is by the
 * token's SHA-256 (unique index); timing it tells nothing usable about a token.
 */
const RECORD = (timestamp: string) => `
  INSERT INTO ${CALLBACK_INBOX_TABLE} (id, received_at, jumio_reference, scan_transaction_id, payload,
    processed_at, outcome, error_field)
  SELECT ?, ${timestamp}, ?, id, ?, ${timestamp}, ?, ? FROM jumio_scan_transaction
  WHERE callback_token_hash = ?
  RETURNING id`;

/** A stored callback as the inbox worker reads it (the payload still sealed). */
export interface StoredCallback {
  id: string;
  receivedAt: Date;
  scanTransactionId: string | null;
  /** The Jumio reference the form names, when it is shaped like one. */
  claimedReference: string | null;
  sealedPayload: string;
}

interface StoredRow {
  received_at: Date | string;
  scan_transaction_id: string | null;
  jumio_reference: string | null;
  payload: string;
}

/**
 * Every statement on `jumio_callback_inbox`: the insert of a callback on the request path (`record`, on
 * the host's DataSource) and the inbox worker's (built on the background DataSource). The statements run
 * for each callback are named prepared statements on PostgreSQL (parsed and planned once per connection).
 */
export class CallbackInboxRepository {
  readonly leases: WorkLeases;
  private readonly dialect: SqlDialect;
  private readonly dataSource: DataSource;
  private readonly insert: PreparedQuery<{ id: string }>;
  private readonly takeAndRead: PreparedQuery<StoredRow>;
  private readonly read: PreparedQuery<StoredRow>;
  private readonly close: PreparedQuery<unknown>;
  private readonly closeWithEarlier: PreparedQuery<unknown>;
  private readonly closeWithEarlierSql: string;
  private readonly delay: PreparedQuery<unknown>;
  private readonly delayEarlier: PreparedQuery<unknown>;

  constructor(dataSource: DataSource, leaseMs?: number) {
    this.dataSource = dataSource;
    this.dialect = sqlDialect(dataSource);
    this.leases = new WorkLeases(dataSource, this.dialect, CALLBACK_INBOX_TABLE, leaseMs);
    const table = CALLBACK_INBOX_TABLE;
    // PostgreSQL types a SELECT list's parameters as text, which a timestamptz column does not take.
    const timestamp = this.dialect.isPostgres ? 'CAST(? AS timestamptz)' : '?';
    this.insert = preparedQuery(dataSource, 'jumio_callback_record', RECORD(timestamp));
    this.takeAndRead = preparedQuery(
      dataSource,
      'jumio_inbox_take',
      `UPDATE ${table} SET claimed_until = ? WHERE id = ? AND ${TO_PROCESS.where}
       AND ${this.leases.free} RETURNING ${STORED_COLUMNS}`,
    );
    this.read = preparedQuery(
      dataSource,
      'jumio_inbox_read',
      `SELECT ${STORED_COLUMNS} FROM ${table} WHERE id = ? AND ${TO_PROCESS.where}`,
    );
    // Minimisation: the raw form is no longer needed once processed; reference, outcome and times stay.
    const closed = `processed_at = ?, payload = '', claimed_until = NULL`;
    this.close = preparedQuery(
      dataSource,
      'jumio_inbox_close',
      `UPDATE ${table} SET ${closed}, outcome = ?, error_field = ? WHERE id = ?`,
    );
    // The callback, and the unprocessed callbacks of its transaction received up to a time, in one
    // statement: those are answered by the same retrieval (outcome DUPLICATE, no Jumio call of their own).
    this.closeWithEarlierSql = `UPDATE ${table} SET ${closed},
         outcome = CASE WHEN id = ? THEN ? ELSE 'DUPLICATE' END,
         error_field = CASE WHEN id = ? THEN ? ELSE error_field END
       WHERE id = ? OR (scan_transaction_id = ? AND processed_at IS NULL AND received_at <= ?)`;
    this.closeWithEarlier = preparedQuery(
      dataSource,
      'jumio_inbox_close_with_earlier',
      this.closeWithEarlierSql,
    );
    this.delay = preparedQuery(
      dataSource,
      'jumio_inbox_delay',
      `UPDATE ${table} SET claimed_until = ? WHERE id = ? AND processed_at IS NULL`,
    );
    this.delayEarlier = preparedQuery(
      dataSource,
      'jumio_inbox_delay_earlier',
      `UPDATE ${table} SET claimed_until = ? WHERE scan_transaction_id = ? AND id <> ?
       AND processed_at IS NULL AND received_at <= ? AND ${this.leases.free}`,
    );
  }

  /**
   * Stores a callback, unprocessed, for the transaction whose callback token hashes to `tokenHash`, in
   * one statement; false when no transaction has this token (nothing stored).
   */
  async record(
    id: string,
    tokenHash: string,
    claimedReference: string | null,
    sealedPayload: string,
  ): Promise<boolean> {
    const [row] = await this.insert([
      id,
      this.dialect.time(new Date()),
      claimedReference,
      sealedPayload,
      null,
      null,
      null,
      tokenHash,
    ]);
    return row !== undefined;
  }

  /** Whether any callback waits for processing now: one probe of a partial index (cheap when idle). */
  anyDue(now: Date): Promise<boolean> {
    return this.leases.anyDue(TO_PROCESS, now);
  }

  /** Leases up to `size` callbacks to process, oldest first, held from now on; returns their ids. */
  take(now: Date, size: number): Promise<string[]> {
    return this.leases.take({ ...TO_PROCESS, orderBy: 'received_at', size }, now);
  }

  /**
   * Leases one callback (one this instance just stored) and reads it, in one statement; null when
   * another instance holds it or it was processed meanwhile.
   */
  async takeAndLoad(id: string, now: Date): Promise<StoredCallback | null> {
    const until = this.dialect.time(new Date(now.getTime() + this.leases.leaseMs));
    const [row] = await this.takeAndRead([until, id, this.dialect.time(now)]);
    return row ? this.toStored(id, row) : null;
  }

  /** A callback this instance leased, or null once it was processed or its raw form purged. */
  async load(id: string): Promise<StoredCallback | null> {
    const [row] = await this.read([id]);
    return row ? this.toStored(id, row) : null;
  }

  /** Closes a callback with its outcome. */
  async finish(id: string, outcome: CallbackOutcome, errorField?: string): Promise<void> {
    await this.close([this.dialect.time(new Date()), outcome, field(errorField), id]);
  }

  /**
   * Closes a callback with its outcome, and the unprocessed callbacks of the same transaction received
   * up to `receivedUpTo` as DUPLICATE: the retrieval just made answered them too. With `session`, inside
   * that database transaction (the one that records the result).
   */
  async finishWithEarlier(
    id: string,
    outcome: CallbackOutcome,
    errorField: string | undefined,
    scanTransactionId: string,
    receivedUpTo: Date,
    session?: DbSession,
  ): Promise<void> {
    const error = field(errorField);
    const params = [
      this.dialect.time(new Date()),
      id,
      outcome,
      id,
      error,
      id,
      scanTransactionId,
      this.dialect.time(receivedUpTo),
    ];
    if (session) await this.dialect.rows(session, this.closeWithEarlierSql, params);
    else await this.closeWithEarlier(params);
  }

  /** Leaves a leased callback unprocessed, to be tried again from `until` on. */
  async postpone(id: string, until: Date): Promise<void> {
    await this.delay([this.dialect.time(until), id]);
  }

  /**
   * The unprocessed callbacks of the same transaction received up to `receivedUpTo` wait until `until`
   * too (the retrieval just made said the result is not there yet), unless another worker holds them.
   */
  async postponeEarlier(
    scanTransactionId: string,
    exceptId: string,
    receivedUpTo: Date,
    until: Date,
  ): Promise<void> {
    await this.delayEarlier([
      this.dialect.time(until),
      scanTransactionId,
      exceptId,
      this.dialect.time(receivedUpTo),
      this.dialect.time(new Date()),
    ]);
  }

  /**
   * Empties raw callback payloads: those already processed, those older than `receivedBefore`, and
   * (erasure) those of one user's transactions. One guarded UPDATE; returns how many it emptied.
   */
  async purgePayloads(scope: { receivedBefore: Date } | { userId: string }): Promise<number> {
    const query = this.dataSource
      .createQueryBuilder()
      .update(CallbackInboxEntry)
      .set({ payload: '' })
      .where("payload <> ''");
    if ('userId' in scope) {
      query.andWhere(
        `scan_transaction_id IN (${this.dataSource
          .createQueryBuilder()
          .select('t.id')
          .from(ScanTransaction, 't')
          .where('t.user_id = :userId')
          .getQuery()})`,
        { userId: scope.userId },
      );
    } else {
      query.andWhere('(processed_at IS NOT NULL OR received_at < :receivedBefore)', {
        receivedBefore: scope.receivedBefore,
      });
    }
    const result = await query.execute();
    return result.affected ?? 0;
  }

  private toStored(id: string, row: StoredRow): StoredCallback {
    const receivedAt =
      row.received_at instanceof Date
        ? row.received_at
        : new Date(`${row.received_at.replace(' ', 'T')}Z`);
    return {
      id,
      receivedAt,
      scanTransactionId: row.scan_transaction_id,
      claimedReference: row.jumio_reference,
      sealedPayload: row.payload,
    };
  }
}

function field(errorField: string | undefined): string | null {
  return errorField?.slice(0, 64) ?? null;
}

/** The inbox on the host's DataSource, where the callback route stores what arrives. */
export const CALLBACK_INBOX_REPOSITORY_PROVIDER: FactoryProvider<CallbackInboxRepository> = {
  provide: CallbackInboxRepository,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) => new CallbackInboxRepository(dataSource),
};
