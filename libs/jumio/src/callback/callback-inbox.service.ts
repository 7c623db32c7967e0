import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JUMIO_REFERENCE_PATTERN } from '../common/jumio-codes';
import { CallbackInboxRepository } from '../persistence/callback-inbox.repository';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { kyxCallbackReference } from './callback-claim';

/**
 * Durable record of every callback for a known token, stored unprocessed and answered whatever its body;
 * the inbox worker (CallbackConfirmation) leases it, validates and confirms it, and closes it
 * (persistence/callback-inbox.repository.ts holds every statement on the inbox).
 */
@Injectable()
export class CallbackInboxService {
  constructor(
    private readonly inbox: CallbackInboxRepository,
    private readonly personalData: PersonalDataCipher,
  ) {}

  /** Stores a callback to process; returns its id, or null when no transaction has this token. */
  async record(tokenHash: string, form: Record<string, unknown>): Promise<string | null> {
    const id = randomUUID();
    // Encrypted for this row, without image links; emptied once processed (see finish).
    const payload = this.personalData.sealCallbackPayload(id, form);
    const stored = await this.inbox.record(id, tokenHash, claimedReference(form), payload);
    return stored ? id : null;
  }
}

/** NV `jumioIdScanReference` or DV `scanReference`, kept only when it is shaped like a Jumio reference. */
function claimedReference(form: Record<string, unknown>): string | null {
  const value = form.jumioIdScanReference ?? form.scanReference ?? kyxCallbackReference(form);
  return typeof value === 'string' && JUMIO_REFERENCE_PATTERN.test(value) ? value : null;
}
