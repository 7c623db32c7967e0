import { Injectable, Logger } from '@nestjs/common';
import { CallbackConfirmation } from './callback-confirmation.service';
import { hashCallbackToken } from '../common/scan-secrets';
import { CallbackInboxService } from './callback-inbox.service';

/** base64url of 32 bytes, as issued by newCallbackToken(). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type CallbackReceipt =
  | { kind: 'unknown-token' }
  /** Stored; the inbox worker validates it, confirms it through the Retrieval API and applies it. */
  | { kind: 'accepted' };

/**
 * Receives one Jumio callback: "save it, answer 200, validate afterwards" (Jumio's callback guide). Any
 * callback for a known token is stored, in one statement, for the transaction its URL token was issued
 * for, and answered; nothing in its body can refuse it. Everything else happens after the answer, in the
 * inbox worker (CallbackConfirmation): the form is read, its reference must be that transaction's, the
 * result is confirmed through the Retrieval API, and only then applied; a form that cannot be read is
 * replaced by a retrieval of the transaction's own reference.
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
    const id = await this.inbox.record(hashCallbackToken(token), form);
    if (!id) return this.unknownToken();
    this.confirmation.confirmLater(id);
    return { kind: 'accepted' };
  }

  private unknownToken(): CallbackReceipt {
    this.logger.warn('Callback with an unknown token refused');
    return { kind: 'unknown-token' };
  }
}
