import { Injectable, Logger } from '@nestjs/common';
import { hashCallbackToken, hashesEqual } from '../scan-transaction/scan-secrets';
import { resultMatchesTransaction } from '../scan-transaction/scan-transaction.rules';
import { ScanTransactionStore } from '../scan-transaction/scan-transaction.store';
import type { JumioResult } from '../scan-transaction/verification.types';
import type { CallbackOutcome } from './callback-inbox.entity';
import { CallbackConfirmation } from '../reconciliation/callback-confirmation.service';
import { CallbackInboxService } from './callback-inbox.service';
import { CallbackParseError, parseCallbackForm } from './callback-form.parser';

/** base64url of 32 bytes, as issued by newCallbackToken(). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type CallbackReceipt =
  | { kind: 'unknown-token' }
  | { kind: 'invalid'; field: string }
  /** `outcome` null: stored, confirmation through the Retrieval API under way. */
  | { kind: 'accepted'; outcome: CallbackOutcome | null };

/**
 * Receives one Jumio callback: finds the transaction its URL token was issued for, stores the raw form,
 * then parses it. The callback's reference must be that transaction's, else nothing changes; if it is,
 * the result is confirmed through the Retrieval API (CallbackConfirmation) and only then applied.
 */
@Injectable()
export class JumioCallbackService {
  private readonly logger = new Logger(JumioCallbackService.name);

  constructor(
    private readonly store: ScanTransactionStore,
    private readonly inbox: CallbackInboxService,
    private readonly confirmation: CallbackConfirmation,
  ) {}

  async receive(token: string, form: Record<string, unknown>): Promise<CallbackReceipt> {
    const tx = await this.findByToken(token);
    if (!tx) {
      this.logger.warn('Callback with an unknown token refused');
      return { kind: 'unknown-token' };
    }
    const entry = await this.inbox.record(tx.id, form);
    let result: JumioResult;
    try {
      result = parseCallbackForm(form);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      await this.inbox.finish(entry, 'INVALID', error.field);
      this.logger.warn(`Callback ${entry.id} refused: field ${error.field} ${error.problem}`);
      return { kind: 'invalid', field: error.field };
    }
    if (!resultMatchesTransaction(tx, result)) {
      await this.inbox.finish(entry, 'INVALID', 'reference');
      this.logger.warn(`Callback ${entry.id} ignored: its reference is not its transaction's`);
      return { kind: 'accepted', outcome: 'INVALID' };
    }
    // Answered now; the result that counts is confirmed through the Retrieval API afterwards.
    this.confirmation.confirmLater(entry, result);
    return { kind: 'accepted', outcome: null };
  }

  private async findByToken(token: string) {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hash = hashCallbackToken(token);
    const tx = await this.store.findByTokenHash(hash);
    // The lookup is by index; the comparison that decides is constant-time.
    return tx && hashesEqual(tx.callbackTokenHash, hash) ? tx : null;
  }
}
