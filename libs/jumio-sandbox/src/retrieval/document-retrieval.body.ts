import { documentTransactionObject } from '../callback/document-callback.form';
import { documentResult, type DocumentExtraction } from '../scan/document-result';
import type { DocumentTransaction } from '../store/transaction.types';

/** `GET /documents/:ref/data` (jumio-api.md §6): `{document, transaction}`, as the callback said. */
export function documentScanData(transaction: DocumentTransaction, publicUrl: string) {
  if (transaction.status === 'PENDING') {
    return { transaction: documentTransactionObject(transaction, undefined) };
  }
  const result = documentResult(transaction, publicUrl);
  return {
    transaction: documentTransactionObject(transaction, result),
    ...(result.documentStatus
      ? {
          document: {
            status: result.documentStatus,
            type: transaction.documentType,
            ...(transaction.country ? { country: transaction.country } : {}),
            ...(transaction.customDocumentCode
              ? { customDocumentCode: transaction.customDocumentCode }
              : {}),
            ...(result.extraction
              ? { extractedData: retrievalExtractedData(result.extraction) }
              : {}),
          },
        }
      : {}),
  };
}

export function documentPages(transaction: DocumentTransaction, publicUrl: string): string[] {
  return transaction.status === 'PENDING' ? [] : documentResult(transaction, publicUrl).images;
}

/**
 * Retrieval's odd shape: names, ssn and signatureAvailable at the top, everything else inside a nested
 * `extractedData` that is a JSON-encoded string (jumio-api.md §6).
 */
function retrievalExtractedData(extraction: DocumentExtraction) {
  const { firstName, lastName, ssn, signatureAvailable, address, ...rest } = extraction;
  const nested = {
    ...(address
      ? {
          addressFormat: 'RAW',
          line1: address.line1,
          city: address.city,
          postalCode: address.postalCode,
          countryCode: address.countryCode,
        }
      : {}),
    ...rest,
  };
  return {
    firstName,
    ...(lastName ? { lastName } : {}),
    ...(ssn ? { ssn } : {}),
    ...(signatureAvailable !== undefined ? { signatureAvailable } : {}),
    extractedData: JSON.stringify(nested),
  };
}
