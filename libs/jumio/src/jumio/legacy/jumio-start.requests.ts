import type {
  DocumentAcquisitionRequest,
  NetverifyInitiateRequest,
} from '../jumio-api.types';
import type { PoaDocumentType } from '../../common/jumio-codes';
import type { ScanTransaction } from '../../persistence/scan-transaction.entity';

/** What a Netverify initiate needs of a web start (the start's InitiatePoiDto has this shape). */
export interface PoiStartUrls {
  successUrl: string;
  errorUrl: string;
}

/** What a Document Verification acquisition needs of a web start (the start's AcquirePoaDto has this shape). */
export interface PoaStartRequest extends PoiStartUrls {
  documentType: PoaDocumentType;
  country: string;
}

export interface StartSettings {
  callbackUrl: string;
  tokenLifetimeMs: number;
  workflowId: number;
}

/** Netverify web v4 initiate body (jumio-api.md §2): locale hyphenated, token lifetime in minutes. */
export function initiateRequest(
  tx: ScanTransaction,
  dto: PoiStartUrls,
  settings: StartSettings,
): NetverifyInitiateRequest {
  return {
    customerInternalReference: tx.customerInternalReference,
    userReference: tx.userReference,
    successUrl: dto.successUrl,
    errorUrl: dto.errorUrl,
    callbackUrl: settings.callbackUrl,
    workflowId: settings.workflowId,
    tokenLifetimeInMinutes: Math.round(settings.tokenLifetimeMs / 60_000),
    ...(tx.locale && { locale: tx.locale }),
  };
}

/** Document Verification acquisition body (§4.1): locale with underscore, token lifetime in seconds. */
export function acquisitionRequest(
  tx: ScanTransaction,
  dto: PoaStartRequest,
  settings: StartSettings,
): DocumentAcquisitionRequest {
  return {
    type: dto.documentType,
    country: dto.country,
    merchantScanReference: tx.customerInternalReference,
    customerId: tx.userReference,
    successUrl: dto.successUrl,
    errorUrl: dto.errorUrl,
    callbackUrl: settings.callbackUrl,
    authorizationTokenLifetime: Math.round(settings.tokenLifetimeMs / 1000),
    ...(tx.locale && { locale: tx.locale.replace('-', '_') }),
  };
}

/** Locales are stored hyphenated (`en-GB`), whatever separator the client sent. */
export function normaliseLocale(locale: string | undefined): string | null {
  return locale ? locale.replace('_', '-') : null;
}
