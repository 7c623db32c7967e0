import {
  parseCallbackForm,
  parseDocumentRetrieval,
  parseNetverifyRetrieval,
} from './callback-form.parser';
import type { JumioClient } from '../jumio.client';
import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import {
  acquisitionRequest,
  initiateRequest,
  type PoaStartRequest,
  type PoiStartUrls,
} from './jumio-start.requests';
import type { ScanTransaction } from '../../persistence/scan-transaction.entity';
import type { JumioProduct, JumioResult } from '../../persistence/verification.types';
import type {
  JumioPlatform,
  PlatformCallback,
  PlatformStart,
  PlatformWebStart,
  ScanReferences,
  StartedScan,
} from '../jumio-platform';

/**
 * The legacy Netverify / Document Verification API behind the platform boundary: the same client calls,
 * request builders, parsers and retriever the module has always used.
 */
export class LegacyJumioPlatform implements JumioPlatform {
  readonly name = 'legacy' as const;

  constructor(
    private readonly jumio: JumioClient,
    private readonly workflowId: number,
  ) {}

  async startWeb(start: PlatformWebStart): Promise<StartedScan> {
    const tx = asTransaction(start);
    const settings = {
      callbackUrl: start.callbackUrl,
      tokenLifetimeMs: start.tokenLifetimeMs,
      workflowId: this.workflowId,
    };
    if (start.type === 'POI') {
      const dto: PoiStartUrls = { successUrl: start.successUrl, errorUrl: start.errorUrl };
      const answer = await this.jumio.initiateNetverify(initiateRequest(tx, dto, settings));
      return started(answer.transactionReference, answer.redirectUrl);
    }
    const dto = {
      successUrl: start.successUrl,
      errorUrl: start.errorUrl,
      documentType: start.documentType ?? '',
      country: start.country ?? '',
    } as PoaStartRequest;
    const answer = await this.jumio.createAcquisition(acquisitionRequest(tx, dto, settings));
    return started(answer.scanReference, answer.clientRedirectUrl);
  }

  /** SDK 3.x creates its own scan from the references and callback URL handed to the app. */
  startMobile(): Promise<StartedScan> {
    return Promise.resolve(started(null, null));
  }

  linkMobileResult(reported: string, known: { jumioReference: string | null }): string {
    if (known.jumioReference !== null && known.jumioReference !== reported) {
      throw new JumioError(
        JumioErrorCode.INVALID_STATE,
        'This transaction has another scanReference',
      );
    }
    return reported;
  }

  readCallback(body: Record<string, unknown>): PlatformCallback {
    const claimed = parseCallbackForm(body);
    return { product: claimed.product, jumioReference: claimed.jumioReference, accountId: null };
  }

  /** Status first, details only once the status is final (jumio-api.md §6 best practice). */
  async retrieve(product: JumioProduct, references: ScanReferences): Promise<JumioResult> {
    const reference = references.jumioReference;
    if (product === 'NETVERIFY') {
      const status = await this.jumio.getNetverifyScanStatus(reference);
      const data =
        status.status === 'DONE' ? await this.jumio.getNetverifyScanData(reference) : null;
      return parseNetverifyRetrieval(status, data);
    }
    const status = await this.jumio.getDocumentStatus(reference);
    // FAILED needs no details (§4.2: not finalised in time); DONE carries the document and extraction.
    const data = status.status === 'DONE' ? await this.jumio.getDocumentData(reference) : null;
    return parseDocumentRetrieval(status, data);
  }

  async delete(product: JumioProduct, references: ScanReferences): Promise<void> {
    if (product === 'NETVERIFY') await this.jumio.deleteNetverifyScan(references.jumioReference);
    else await this.jumio.deleteDocument(references.jumioReference);
  }
}

/** The request builders read only these fields of a transaction. */
function asTransaction(start: PlatformStart): ScanTransaction {
  return {
    customerInternalReference: start.customerInternalReference,
    userReference: start.userReference,
    locale: start.locale,
  } as ScanTransaction;
}

function started(jumioReference: string | null, redirectUrl: string | null): StartedScan {
  return { jumioReference, redirectUrl, accountId: null, sdkToken: null };
}
