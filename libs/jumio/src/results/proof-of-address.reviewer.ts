import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { ScanTransactionStore } from './scan-transaction.store';
import {
  VerificationResultRepository,
  type SealedExtractedData,
} from '../persistence/verification-result.repository';
import type { JumioResult, VerificationDecision } from '../persistence/verification.types';
import type { ExtractedData } from '../options/extracted-data';
import { evaluateProofOfAddress, type ProofOfAddressDecision } from './proof-of-address.evaluator';
import type { PersonName } from './name-match';
import { poiStandingOf } from './poi-standing';
import { typesJumioMayNotExtract } from './proof-of-address.rules';
import type { ProofOfAddressRules } from '../options/proof-of-address-rules';
import { mostSevere } from '../transaction/decision-policy';
import type { DecisionPolicy } from '../options/decision-policy.options';

/**
 * A readable document whose name does not match, or whose name or address Jumio did not extract, is for
 * a person to judge (a married name, an address on the second page): `decisionPolicy.poaDoubtful`.
 */
const DOUBTFUL_REASONS: readonly string[] = ['POA_NAME_MISMATCH', 'POA_NO_NAME', 'POA_NO_ADDRESS'];

function withDoubtfulForReview(
  outcome: ProofOfAddressDecision,
  poaDoubtful: DecisionPolicy['poaDoubtful'],
): { decision: VerificationDecision; reasons: string[] } {
  const doubtful = outcome.reasons.some((reason) => DOUBTFUL_REASONS.includes(reason));
  const decision =
    doubtful && poaDoubtful === 'REVIEW'
      ? mostSevere([outcome.decision, 'REVIEW'])
      : outcome.decision;
  return { decision, reasons: outcome.reasons };
}

/**
 * Turns a Document Verification result that Jumio finished (EXTRACTED / UPLOADED, which says nothing
 * about the person) into the bank's decision under `poaRules`, against the user's approved proof of
 * identity (see poi-standing.ts for what each state of the POI means). Every other result passes
 * through unchanged.
 */
@Injectable()
export class ProofOfAddressReviewer {
  readonly rules: Readonly<ProofOfAddressRules>;
  private readonly poaDoubtful: DecisionPolicy['poaDoubtful'];

  constructor(
    @Inject(JUMIO_SETTINGS) { decisions }: JumioSettings,
    private readonly results: VerificationResultRepository,
    private readonly store: ScanTransactionStore,
    @Optional() private readonly cipher?: PersonalDataCipher,
  ) {
    this.rules = decisions.poaRules;
    this.poaDoubtful = decisions.policy.poaDoubtful;
    const unextracted = typesJumioMayNotExtract(this.rules);
    if (unextracted.length > 0) {
      new Logger('JumioModule').warn(
        `poaRules.acceptedDocumentTypes includes ${unextracted.join(', ')}: Jumio extracts these only ` +
          'where it extended extraction for your account; otherwise they come back DISCARDED (RETRY)',
      );
    }
  }

  async review(
    tx: ScanTransaction,
    result: JumioResult,
    now: Date = new Date(),
  ): Promise<JumioResult> {
    if (result.product !== 'DOCUMENT' || result.decision !== 'APPROVED') return result;
    // The POI step's state as its status route shows it: the open transaction first, then the newest.
    const poi = await this.store.latest(tx.userId, 'POI');
    const standing = poiStandingOf(poi);
    const outcome = evaluateProofOfAddress(
      result.extracted,
      {
        requestedDocumentType: tx.documentType,
        approvedPoiName: poi && standing === 'APPROVED' ? await this.approvedName(poi.id) : null,
        poiPending: standing === 'AWAITING_RESULT',
        now,
      },
      this.rules,
    );
    return { ...result, ...withDoubtfulForReview(outcome, this.poaDoubtful) };
  }

  private async approvedName(poiTransactionId: string): Promise<PersonName | null> {
    const row = await this.results.sealedExtractedDataOf(poiTransactionId);
    const data = row ? this.open(row) : null;
    if (!data) return null;
    return { firstName: data.firstName, lastName: data.lastName, fullName: data.fullName };
  }

  private open(row: SealedExtractedData): ExtractedData | null {
    if (this.cipher) return this.cipher.openExtractedData(row.id, row.extractedData);
    return row.extractedData ? (JSON.parse(row.extractedData) as ExtractedData) : null;
  }
}
