import type { DocumentResult } from '../scan/document-result';
import type { DocumentTransaction } from '../store/transaction.types';

/** The form fields of a Document Verification callback (jumio-api.md §5.6); no callBackType field. */
export function documentCallbackFields(
  transaction: DocumentTransaction,
  result: DocumentResult,
): Record<string, string> {
  const fields: Record<string, string> = {
    scanReference: transaction.reference,
    timestamp: transaction.completedAt ?? '',
    transaction: JSON.stringify(documentTransactionObject(transaction, result)),
  };
  // IG (2021) sends `document` only for DONE transactions; IG23 marks it required [UNSURE]. The sandbox
  // follows IG and omits it for FAILED, the case a receiver must tolerate.
  if (result.documentStatus) {
    fields.document = JSON.stringify({
      type: transaction.documentType,
      ...(transaction.country ? { country: transaction.country } : {}),
      status: result.documentStatus,
      images: result.images,
      ...(transaction.customDocumentCode
        ? { customDocumentCode: transaction.customDocumentCode }
        : {}),
      ...(result.extraction ? { extractedData: result.extraction } : {}),
    });
  }
  return fields;
}

/** The `transaction` object, shared by the callback and the Retrieval API. */
export function documentTransactionObject(
  transaction: DocumentTransaction,
  result: Pick<DocumentResult, 'transactionStatus'> | undefined,
): Record<string, string> {
  return {
    customerId: transaction.userReference,
    merchantScanReference: transaction.customerInternalReference,
    ...(transaction.reportingCriteria
      ? { merchantReportingCriteria: transaction.reportingCriteria }
      : {}),
    status: result?.transactionStatus ?? 'PENDING',
    source: transaction.source,
    date: transaction.createdAt,
  };
}
