import type { SandboxTransaction } from '../store/transaction.types';

/** Netverify web v4 redirect error codes used by the sandbox (jumio-api.md §2). */
export const NETVERIFY_ERROR = {
  /** Cancel button: the journey ended without an upload. */
  cancelled: 9100,
  tokenInvalid: 9200,
  /** "No upload" outcome: upload disabled and camera unavailable. */
  noUpload: 9820,
} as const;

/** Document Verification redirect error codes (jumio-api.md §4.1). */
export const DOCUMENT_ERROR = {
  tokenInvalid: 211,
  /** Upload session ended without a finished upload (the person gave up). */
  sessionExpired: 310,
  /** IG 2021 only; IG23 keeps just 211 and 310 [UNSURE]. */
  alreadyCompleted: 311,
} as const;

export type JourneyEnd = { success: true } | { success: false; errorCode: number };

/**
 * successUrl / errorUrl with Jumio's query parameters, or undefined when the transaction has none (the
 * page then says "done"). v4: transactionStatus, customerInternalReference, transactionReference,
 * errorCode. DV: idScanStatus, jumioIdScanReference, errorCode.
 */
export function journeyEndUrl(
  transaction: SandboxTransaction,
  end: JourneyEnd,
): string | undefined {
  const target = end.success ? transaction.successUrl : transaction.errorUrl;
  if (!target) return undefined;
  const url = new URL(target);
  const status = end.success ? 'SUCCESS' : 'ERROR';
  if (transaction.product === 'NETVERIFY') {
    url.searchParams.append('transactionStatus', status);
    url.searchParams.append('customerInternalReference', transaction.customerInternalReference);
    url.searchParams.append('transactionReference', transaction.reference);
  } else {
    url.searchParams.append('idScanStatus', status);
    url.searchParams.append('jumioIdScanReference', transaction.reference);
  }
  if (!end.success) url.searchParams.append('errorCode', String(end.errorCode));
  return url.toString();
}
