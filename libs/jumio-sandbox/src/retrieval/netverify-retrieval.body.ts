import { netverifyResult } from '../scan/netverify-result';
import type { NetverifyTransaction } from '../store/transaction.types';

/** `GET /scans/:ref/data` (jumio-api.md §6): the same values the callback carried. */
export function netverifyScanData(transaction: NetverifyTransaction, publicUrl: string) {
  const data: {
    timestamp: string;
    scanReference: string;
    transaction: Record<string, string>;
    document?: Record<string, unknown>;
    verification?: Record<string, unknown>;
  } = {
    timestamp: new Date().toISOString(),
    scanReference: transaction.reference,
    transaction: {
      status: transaction.status,
      source: transaction.scanSource ?? 'WEB',
      date: transaction.createdAt,
      customerId: transaction.userReference,
      merchantScanReference: transaction.customerInternalReference,
      ...(transaction.reportingCriteria
        ? { merchantReportingCriteria: transaction.reportingCriteria }
        : {}),
    },
  };
  // Before the result is decided Jumio has nothing to say about the document.
  if (transaction.status === 'PENDING') return data;
  const result = netverifyResult(transaction, publicUrl);
  const identity = result.identity;
  data.document = {
    status: result.verificationStatus,
    ...(result.idType ? { type: result.idType } : {}),
    ...(result.idCountry ? { issuingCountry: result.idCountry } : {}),
    ...(identity
      ? {
          firstName: identity.firstName,
          lastName: identity.lastName,
          dob: identity.dateOfBirth,
          expiry: identity.expiry,
          number: identity.number,
          address: identity.address,
        }
      : {}),
  };
  data.verification = {
    mrzCheck: result.mrzCheck === 'OK' ? 'OK' : 'NOT_AVAILABLE',
    ...(result.rejectReason ? { rejectReason: result.rejectReason } : {}),
    // Jumio's retrieval sample has validity as a string ("true"), the callback a boolean.
    ...(result.identityVerification
      ? {
          identityVerification: {
            ...result.identityVerification,
            validity: String(result.identityVerification.validity),
          },
        }
      : {}),
    // The screening guide's retrieval sample of an approval without face check: an explicit null.
    ...(transaction.identityVerification === null && result.verificationStatus === 'APPROVED_VERIFIED'
      ? { identityVerification: null }
      : {}),
    // Retrieval only (activation-gated at Jumio): as the scenario control set it.
    ...(transaction.additionalChecks ? { additionalChecks: transaction.additionalChecks } : {}),
  };
  return data;
}

export function netverifyImages(transaction: NetverifyTransaction, publicUrl: string) {
  return transaction.status === 'PENDING' ? [] : netverifyResult(transaction, publicUrl).images;
}
