import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { JUMIO_MODULE_OPTIONS } from '../jumio.module-definition';
import type { JumioModuleOptions } from '../jumio.options';
import { ScanTransaction } from '../scan-transaction/scan-transaction.entity';
import { VerificationResult } from '../scan-transaction/verification-result.entity';
import type { ExtractedData, JumioResult } from '../scan-transaction/verification.types';
import { evaluateProofOfAddress } from './proof-of-address.evaluator';
import type { PersonName } from './name-match';
import { resolvePoaRules, type ProofOfAddressRules } from './proof-of-address.rules';

/**
 * Turns a Document Verification result that Jumio finished (EXTRACTED / UPLOADED, which says nothing
 * about the person) into the bank's decision under `poaRules`, against the user's approved proof of
 * identity. Every other result passes through unchanged.
 */
@Injectable()
export class ProofOfAddressReviewer {
  readonly rules: ProofOfAddressRules;

  constructor(
    @Inject(JUMIO_MODULE_OPTIONS) options: JumioModuleOptions,
    private readonly dataSource: DataSource,
    @Optional() private readonly cipher?: PersonalDataCipher,
  ) {
    this.rules = resolvePoaRules(options.poaRules);
  }

  async review(
    tx: ScanTransaction,
    result: JumioResult,
    now: Date = new Date(),
  ): Promise<JumioResult> {
    if (result.product !== 'DOCUMENT' || result.decision !== 'APPROVED') return result;
    const poi = await this.latestPoi(tx.userId);
    const outcome = evaluateProofOfAddress(
      result.extracted,
      {
        requestedDocumentType: tx.documentType,
        approvedPoiName: poi?.decision === 'APPROVED' ? await this.approvedName(poi.id) : null,
        poiPending: poi?.decision === 'PENDING',
        now,
      },
      this.rules,
    );
    return { ...result, decision: outcome.decision, reasons: outcome.reasons };
  }

  private latestPoi(userId: string): Promise<Pick<ScanTransaction, 'id' | 'decision'> | null> {
    return this.dataSource.getRepository(ScanTransaction).findOne({
      select: { id: true, decision: true },
      where: { userId, type: 'POI' },
      order: { createdAt: 'DESC' },
    });
  }

  private async approvedName(poiTransactionId: string): Promise<PersonName | null> {
    const row = await this.dataSource
      .getRepository(VerificationResult)
      .findOneBy({ scanTransactionId: poiTransactionId });
    const data = row ? this.open(row) : null;
    if (!data) return null;
    return { firstName: data.firstName, lastName: data.lastName, fullName: data.fullName };
  }

  private open(row: VerificationResult): ExtractedData | null {
    if (this.cipher) return this.cipher.openExtractedData(row.id, row.extractedData);
    return row.extractedData ? (JSON.parse(row.extractedData) as ExtractedData) : null;
  }
}
