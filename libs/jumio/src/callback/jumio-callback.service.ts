import { Injectable, Logger } from '@nestjs/common';
import { CallbackConfirmation } from '../reconciliation/callback-confirmation.service';
import { hashCallbackToken } from '../scan-transaction/scan-secrets';
import { CallbackInboxService } from './callback-inbox.service';
import { readCallbackClaim } from '../platform/callback-claim';
import { CallbackParseError } from './callback-form.parser';

/** base64url of 32 bytes, as issued by newCallbackToken(). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type CallbackReceipt =
  | { kind: 'unknown-token' }
  | { kind: 'invalid'; field: string }
  /** Stored; the inbox worker confirms it through the Retrieval API and applies it. */
  | { kind: 'accepted' };

/**
 * Receives one Jumio callback: parses the form (a malformed one is refused, 400), then stores it for the
 * transaction its URL token was issued for in one statement, and answers. Everything else happens after
 * the answer, in the inbox worker (CallbackConfirmation): the reference must be that transaction's, the
 * result is confirmed through the Retrieval API, and only then applied.
 */
@Injectable()
export class JumioCallbackService {
  private readonly logger = new Logger(JumioCallbackService.name);

  constructor(
    private readonly inbox: CallbackInboxService,
    private readonly confirmation: CallbackConfirmation,
  ) {}

  async receive(token: string, form: Record<string, unknown>): Promise<CallbackReceipt> {
    if (!TOKEN_PATTERN.test(token)) return this.unknownToken();
    const tokenHash = hashCallbackToken(token);
    try {
      readCallbackClaim(form);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      const id = await this.inbox.recordInvalid(tokenHash, form, error.field);
      if (!id) return this.unknownToken();
      this.logger.warn(`Callback ${id} refused: field ${error.field} ${error.problem}`);
      return { kind: 'invalid', field: error.field };
    }
    const id = await this.inbox.record(tokenHash, form);
    if (!id) return this.unknownToken();
    this.confirmation.confirmLater(id);
    return { kind: 'accepted' };
  }

  private unknownToken(): CallbackReceipt {
    this.logger.warn('Callback with an unknown token refused');
    return { kind: 'unknown-token' };
  }
}
