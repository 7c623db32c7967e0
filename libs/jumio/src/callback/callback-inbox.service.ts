import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JUMIO_REFERENCE_PATTERN } from '../common/jumio-codes';
import { preparedQuery, type PreparedQuery } from '../persistence/prepared-query';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { sqlDialect, type SqlDialect } from '../persistence/sql-dialect';
import { kyxCallbackReference } from './callback-claim';

const TABLE = 'jumio_callback_inbox';

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

/**
 * Durable record of every callback for a known token, stored unprocessed and answered whatever its body;
 * the inbox worker (CallbackConfirmation) leases it, validates and confirms it, and closes it
 * (persistence/callback-inbox.repository.ts holds the worker's statements).
 */
@Injectable()
export class CallbackInboxService {
  private readonly dialect: SqlDialect;
  private readonly insert: PreparedQuery<{ id: string }>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataCipher,
  ) {
    this.dialect = sqlDialect(dataSource);
    // PostgreSQL types a SELECT list's parameters as text, which a timestamptz column does not take.
    const timestamp = this.dialect.isPostgres ? 'CAST(? AS timestamptz)' : '?';
    this.insert = preparedQuery(dataSource, 'jumio_callback_record', RECORD(timestamp));
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
}

/** NV `jumioIdScanReference` or DV `scanReference`, kept only when it is shaped like a Jumio reference. */
function claimedReference(form: Record<string, unknown>): string | null {
  const value = form.jumioIdScanReference ?? form.scanReference ?? kyxCallbackReference(form);
  return typeof value === 'string' && JUMIO_REFERENCE_PATTERN.test(value) ? value : null;
}
