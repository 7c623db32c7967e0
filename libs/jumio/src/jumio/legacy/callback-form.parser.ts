import type {
  DocumentDataResponse,
  DocumentStatusResponse,
  NetverifyScanDataResponse,
  NetverifyScanStatusResponse,
} from '../jumio-api.types';
import type {
  JumioIdentityVerification,
  JumioRejectReason,
  NetverifyFacts,
} from '../../persistence/netverify-facts';
import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import { decideDocument, decideNetverify } from './verification-decision';
import type { JumioResult } from '../../persistence/verification.types';
import { CallbackParseError } from '../callback-parse.error';
import {
  documentExtractedData,
  NETVERIFY_CALLBACK_FIELDS,
  NETVERIFY_RETRIEVAL_FIELDS,
  netverifyExtractedData,
} from './extracted-data.mapper';
import { FieldReader } from './jumio-fields.reader';

/*
 * Normalises everything Jumio reports about a result (legacy callbacks and Retrieval API answers) into one
 * JumioResult, so that a callback and the retrieval that confirms it agree field by field.
 */

/**
 * A legacy callback's URL-decoded form fields: Netverify (`callBackType=NETVERIFYID`, §5.4) or Document
 * Verification (`scanReference` + `transaction` JSON, §5.6). Unknown fields are ignored.
 * @throws CallbackParseError naming the missing or malformed field.
 */
export function parseCallbackForm(form: Record<string, unknown>): JumioResult {
  const fields = new FieldReader(form);
  // §5.4: the guides spell it `callBackType`, Jumio's Go variant `callbackType`.
  const typeField = fields.has('callBackType') ? 'callBackType' : 'callbackType';
  if (fields.has(typeField)) {
    if (fields.requiredString(typeField) !== 'NETVERIFYID') {
      throw fields.error(typeField, 'is not a supported callback type (NETVERIFYID)');
    }
    return parseNetverifyCallback(fields);
  }
  // §5.6 [INFERRED]: DV callbacks carry no type field; they are told apart by their field set.
  if (fields.has('scanReference') && fields.has('transaction')) {
    return parseDocumentCallback(fields);
  }
  throw fields.error(
    'callBackType',
    'is missing and the fields are not those of a Document Verification callback',
  );
}

/**
 * A Netverify Retrieval API answer (§6): the status call and, once it is not PENDING, the data call.
 * @throws JumioError JUMIO_BAD_RESPONSE naming the unusable field.
 */
export function parseNetverifyRetrieval(
  status: NetverifyScanStatusResponse,
  data?: NetverifyScanDataResponse | null,
): JumioResult {
  return asBadResponse('Netverify retrieval', () => {
    const statusFields = new FieldReader({ ...status }, 'status');
    const dataFields = data ? new FieldReader({ ...data }, 'data') : undefined;
    const jumioReference = statusFields.requiredReference('scanReference');
    requireSameReference(dataFields, jumioReference);
    const transactionStatus = statusFields.requiredWord('status');
    const transaction = dataFields?.optionalObject('transaction');
    const base = {
      product: 'NETVERIFY' as const,
      jumioReference,
      customerInternalReference: transaction?.optionalString('merchantScanReference'),
      userReference: transaction?.optionalString('customerId'),
      reportedAt:
        dataFields?.optionalTimestamp('timestamp') ??
        statusFields.optionalTimestamp('timestamp') ??
        null,
    };
    if (transactionStatus !== 'DONE' && transactionStatus !== 'FAILED') {
      const reasons = transactionStatus === 'PENDING' ? [] : ['UNKNOWN_STATUS'];
      return {
        ...base,
        jumioStatus: transactionStatus,
        decision: 'PENDING',
        reasons,
        extracted: null,
      };
    }

    const document = dataFields?.optionalObject('document');
    const verification = dataFields?.optionalObject('verification');
    // §9: a FAILED transaction is one cleaned up without a usable upload, which the callback reports as
    // NO_ID_UPLOADED; mapping it the same way keeps callback and retrieval in agreement.
    const verificationStatus =
      document?.optionalWord('status') ??
      (transactionStatus === 'FAILED' ? 'NO_ID_UPLOADED' : undefined);
    if (verificationStatus === undefined) {
      if (document) throw document.error('status', 'is missing');
      throw new CallbackParseError(dataFields ? 'data.document' : 'data', 'is missing');
    }
    if (transactionStatus === 'FAILED' && verificationStatus === 'APPROVED_VERIFIED') {
      // Contradictory answer: never approve on it.
      const reasons = ['INCONSISTENT_TRANSACTION_STATUS'];
      return {
        ...base,
        jumioStatus: verificationStatus,
        decision: 'PENDING',
        reasons,
        extracted: null,
      };
    }
    const extracted = netverifyExtractedData(document, NETVERIFY_RETRIEVAL_FIELDS);
    const facts: NetverifyFacts = {
      verificationStatus,
      rejectReason: readRejectReason(verification?.optionalObject('rejectReason')),
      identityVerification: readIdentityVerification(
        verification?.optionalObject('identityVerification'),
      ),
      additionalChecks: verification?.raw('additionalChecks'),
      expiryDate: extracted?.expiryDate,
    };
    return {
      ...base,
      jumioStatus: verificationStatus,
      ...decideNetverify(facts),
      extracted,
      netverifyFacts: facts,
    };
  });
}

/**
 * A Document Verification Retrieval API answer (§6): the status call and the data call.
 * @throws JumioError JUMIO_BAD_RESPONSE naming the unusable field.
 */
export function parseDocumentRetrieval(
  status: DocumentStatusResponse,
  data?: DocumentDataResponse | null,
): JumioResult {
  return asBadResponse('Document Verification retrieval', () => {
    const statusFields = new FieldReader({ ...status }, 'status');
    const dataFields = data ? new FieldReader({ ...data }, 'data') : undefined;
    const jumioReference = statusFields.requiredReference('scanReference');
    requireSameReference(dataFields, jumioReference);
    const transaction = dataFields?.optionalObject('transaction');
    const document = dataFields?.optionalObject('document');
    return documentResult({
      jumioReference,
      transactionStatus: statusFields.requiredWord('status'),
      transaction,
      document,
      reportedAt:
        dataFields?.optionalTimestamp('timestamp') ??
        statusFields.optionalTimestamp('timestamp') ??
        null,
    });
  });
}

function parseNetverifyCallback(fields: FieldReader): JumioResult {
  const jumioReference = fields.requiredReference('jumioIdScanReference');
  const verificationStatus = fields.requiredWord('verificationStatus');
  const idScanStatus = fields.requiredWord('idScanStatus');
  // The guides mark transactionDate and callbackDate required, yet Jumio's own sample callbacks carry
  // neither (corrections #16): optional, checked only when present.
  fields.optionalTimestamp('transactionDate');
  const reportedAt = fields.optionalTimestamp('callbackDate') ?? null;
  // idScanSource and the idCheck* fields are also always sent (§5.4) but are informational: their absence
  // must not cost us a callback, so they are neither required nor read.
  const extracted = netverifyExtractedData(fields, NETVERIFY_CALLBACK_FIELDS);
  const facts: NetverifyFacts = {
    verificationStatus,
    idScanStatus,
    rejectReason: readRejectReason(fields.optionalObject('rejectReason')),
    identityVerification: readIdentityVerification(fields.optionalObject('identityVerification')),
    additionalChecks: fields.raw('additionalChecks'),
    expiryDate: extracted?.expiryDate,
  };
  return {
    product: 'NETVERIFY',
    jumioReference,
    // [INFERRED] §5.4: v4 customerInternalReference / userReference come back under their v3 names.
    customerInternalReference: fields.optionalString('merchantIdScanReference'),
    userReference: fields.optionalString('customerId'),
    jumioStatus: verificationStatus,
    ...decideNetverify(facts),
    extracted,
    reportedAt,
    netverifyFacts: facts,
  };
}

function parseDocumentCallback(fields: FieldReader): JumioResult {
  const jumioReference = fields.requiredReference('scanReference');
  // Informational like the Netverify dates: a callback without it is still read.
  const reportedAt = fields.optionalTimestamp('timestamp') ?? null;
  const transaction = fields.requiredObject('transaction');
  return documentResult({
    jumioReference,
    transactionStatus: transaction.requiredWord('status'),
    transaction,
    // §5.6: IG sends `document` only when the transaction is DONE (IG23 marks it required): optional here.
    document: fields.optionalObject('document'),
    reportedAt,
  });
}

interface DocumentResultInput {
  jumioReference: string;
  transactionStatus: string;
  transaction: FieldReader | undefined;
  document: FieldReader | undefined;
  reportedAt: Date | null;
}

function documentResult(input: DocumentResultInput): JumioResult {
  const { transactionStatus, transaction, document } = input;
  const documentStatus = document?.optionalWord('status');
  return {
    product: 'DOCUMENT',
    jumioReference: input.jumioReference,
    customerInternalReference: transaction?.optionalString('merchantScanReference'),
    userReference: transaction?.optionalString('customerId'),
    // The document's status says more than DONE, but only once the transaction is DONE.
    jumioStatus:
      transactionStatus === 'DONE' ? (documentStatus ?? transactionStatus) : transactionStatus,
    ...decideDocument({ transactionStatus, documentStatus }),
    extracted: documentExtractedData(document),
    reportedAt: input.reportedAt,
  };
}

function readRejectReason(source: FieldReader | undefined): JumioRejectReason | undefined {
  if (!source) return undefined;
  return {
    rejectReasonCode: source.optionalString('rejectReasonCode'),
    rejectReasonDescription: source.optionalString('rejectReasonDescription'),
    rejectReasonDetails: source.objectList('rejectReasonDetails').map((detail) => ({
      detailsCode: detail.optionalString('detailsCode'),
      detailsDescription: detail.optionalString('detailsDescription'),
    })),
  };
}

function readIdentityVerification(
  source: FieldReader | undefined,
): JumioIdentityVerification | undefined {
  if (!source) return undefined;
  const validity = source.raw('validity');
  return {
    similarity: source.optionalString('similarity'),
    // Boolean in callbacks, string in retrieval (§5.5); anything else stays unknown and is never approved.
    validity: typeof validity === 'boolean' || typeof validity === 'string' ? validity : undefined,
    reason: source.optionalString('reason'),
  };
}

function requireSameReference(dataFields: FieldReader | undefined, jumioReference: string): void {
  const dataReference = dataFields?.optionalString('scanReference');
  if (dataReference !== undefined && dataReference !== jumioReference) {
    throw dataFields!.error('scanReference', 'does not match the status answer');
  }
}

function asBadResponse(source: string, parse: () => JumioResult): JumioResult {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof CallbackParseError)) throw error;
    throw new JumioError(
      JumioErrorCode.JUMIO_BAD_RESPONSE,
      `Jumio ${source} answer is unusable: field "${error.field}" ${error.problem}`,
    );
  }
}
