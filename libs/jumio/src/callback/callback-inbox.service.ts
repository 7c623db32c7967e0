import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { JUMIO_REFERENCE_PATTERN } from '../common/jumio-codes';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { CallbackInboxEntry, type CallbackOutcome } from './callback-inbox.entity';

/** Durable record of every callback for a known token: stored before processing, closed after. */
@Injectable()
export class CallbackInboxService {
  constructor(
    @InjectRepository(CallbackInboxEntry)
    private readonly inbox: Repository<CallbackInboxEntry>,
    private readonly personalData: PersonalDataCipher,
  ) {}

  async record(
    scanTransactionId: string,
    form: Record<string, unknown>,
  ): Promise<CallbackInboxEntry> {
    const id = randomUUID();
    const entry: CallbackInboxEntry = {
      id,
      receivedAt: new Date(),
      jumioReference: claimedReference(form),
      scanTransactionId,
      // Encrypted for this row, without image links; emptied once processed (see finish).
      payload: this.personalData.sealCallbackPayload(id, form),
      processedAt: null,
      outcome: null,
      errorField: null,
    };
    await this.inbox.insert(entry);
    return entry;
  }

  async finish(
    entry: CallbackInboxEntry,
    outcome: CallbackOutcome,
    errorField?: string,
  ): Promise<void> {
    await this.inbox.update(
      { id: entry.id },
      // Minimisation: the raw form is no longer needed once processed; reference, outcome and times stay.
      { processedAt: new Date(), outcome, errorField: errorField?.slice(0, 64) ?? null, payload: '' },
    );
  }
}

/** NV `jumioIdScanReference` or DV `scanReference`, kept only when it is shaped like a Jumio reference. */
function claimedReference(form: Record<string, unknown>): string | null {
  const value = form.jumioIdScanReference ?? form.scanReference;
  return typeof value === 'string' && JUMIO_REFERENCE_PATTERN.test(value) ? value : null;
}
