import type { NetverifyResult } from '../scan/netverify-result';
import type { NetverifyTransaction } from '../store/transaction.types';

const ID_CHECK_FIELDS = [
  'idCheckDataPositions',
  'idCheckDocumentValidation',
  'idCheckHologram',
  'idCheckMRZcode',
  'idCheckMicroprint',
  'idCheckSecurityFeatures',
  'idCheckSignature',
] as const;

const IMAGE_FIELDS = { front: 'idScanImage', back: 'idScanImageBackside', face: 'idScanImageFace' };

/**
 * The form fields of a Netverify callback (jumio-api.md §5.4); nested objects are JSON strings.
 * merchantIdScanReference / customerId / merchantReportingCriteria carry the v4 customerInternalReference
 * / userReference / reportingCriteria ([INFERRED] in jumio-api.md from the v3 to v4 rename table).
 */
export function netverifyCallbackFields(
  transaction: NetverifyTransaction,
  result: NetverifyResult,
): Record<string, string> {
  const fields: Record<string, string> = {
    callBackType: 'NETVERIFYID',
    jumioIdScanReference: transaction.reference,
    verificationStatus: result.verificationStatus,
    idScanStatus: result.idScanStatus,
    idScanSource: transaction.scanSource ?? 'WEB',
  };
  for (const check of ID_CHECK_FIELDS) {
    fields[check] = check === 'idCheckMRZcode' ? result.mrzCheck : result.idChecks;
  }
  fields.transactionDate = transaction.createdAt;
  fields.callbackDate = transaction.completedAt ?? '';
  fields.merchantIdScanReference = transaction.customerInternalReference;
  fields.customerId = transaction.userReference;
  if (transaction.reportingCriteria)
    fields.merchantReportingCriteria = transaction.reportingCriteria;
  if (transaction.preset) {
    fields.presetCountry = transaction.preset.country;
    fields.presetIdType = transaction.preset.idType;
  }
  if (result.idType) fields.idType = result.idType;
  if (result.idCountry) fields.idCountry = result.idCountry;
  if (result.identity) {
    fields.idFirstName = result.identity.firstName;
    fields.idLastName = result.identity.lastName;
    fields.idDob = result.identity.dateOfBirth;
    fields.idExpiry = result.identity.expiry;
    fields.idNumber = result.identity.number;
    fields.idAddress = JSON.stringify(result.identity.address);
  }
  for (const image of result.images) fields[IMAGE_FIELDS[image.classifier]] = image.href;
  // Callbacks carry `validity` as a JSON boolean (the retrieval sample uses a string).
  if (result.identityVerification) {
    fields.identityVerification = JSON.stringify(result.identityVerification);
  }
  if (result.rejectReason) fields.rejectReason = JSON.stringify(result.rejectReason);
  return fields;
}

/** Jumio's published sample callbacks ("approved", "fraud") carry neither date field (corrections #16). */
export function sampleShaped(fields: Record<string, string>): Record<string, string> {
  const sample = { ...fields };
  delete sample.transactionDate;
  delete sample.callbackDate;
  return sample;
}
