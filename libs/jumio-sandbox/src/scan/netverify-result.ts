import type { NetverifyOutcome, NetverifyTransaction } from '../store/transaction.types';
import {
  sandboxAddress,
  sandboxDocumentNumber,
  SANDBOX_PERSONA,
  type RawAddress,
} from './sandbox-persona';

export interface RejectReasonDetail {
  detailsCode: string;
  detailsDescription: string;
}

export interface RejectReason {
  rejectReasonCode: string;
  rejectReasonDescription: string;
  /** Jumio sends one object or an array (jumio-api.md §5.5); the sandbox alternates per transaction. */
  rejectReasonDetails?: RejectReasonDetail | RejectReasonDetail[];
}

export interface ExtractedIdentity {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  expiry: string;
  number: string;
  address: RawAddress;
}

export type NetverifyImageClassifier = 'front' | 'back' | 'face';

/** Everything Jumio reports about a finished Netverify scan; callback and retrieval both map from it. */
export interface NetverifyResult {
  verificationStatus: NetverifyOutcome;
  idScanStatus: 'SUCCESS' | 'ERROR';
  /** The seven idCheck* values: OK when approved, else N/A. */
  idChecks: 'OK' | 'N/A';
  mrzCheck: 'OK' | 'N/A';
  idType?: string;
  idCountry?: string;
  identity?: ExtractedIdentity;
  rejectReason?: RejectReason;
  identityVerification?: { similarity: string; validity: boolean; reason?: string };
  images: { classifier: NetverifyImageClassifier; href: string }[];
}

const DEFAULT_ID_TYPE = 'PASSPORT';
const DEFAULT_ID_COUNTRY = 'AUT';

export function netverifyResult(
  transaction: NetverifyTransaction,
  publicUrl: string,
): NetverifyResult {
  const outcome = transaction.outcome as NetverifyOutcome;
  const approved = outcome === 'APPROVED_VERIFIED';
  const base: NetverifyResult = {
    verificationStatus: outcome,
    idScanStatus: approved ? 'SUCCESS' : 'ERROR',
    idChecks: approved ? 'OK' : 'N/A',
    mrzCheck: 'N/A',
    images: [],
  };
  if (outcome === 'NO_ID_UPLOADED') return base;

  const idType = transaction.preset?.idType ?? DEFAULT_ID_TYPE;
  const idCountry = transaction.preset?.country ?? DEFAULT_ID_COUNTRY;
  const imageHref = (classifier: NetverifyImageClassifier) =>
    `${publicUrl}/api/netverify/v2/scans/${transaction.reference}/images/${classifier}`;
  const classifiers: NetverifyImageClassifier[] =
    idType === 'PASSPORT' ? ['front'] : ['front', 'back'];
  const readable = outcome !== 'ERROR_NOT_READABLE_ID';
  const unsupported =
    outcome === 'DENIED_UNSUPPORTED_ID_TYPE' || outcome === 'DENIED_UNSUPPORTED_ID_COUNTRY';
  if (readable && !unsupported) classifiers.push('face');
  const result: NetverifyResult = {
    ...base,
    idType,
    idCountry,
    images: classifiers.map((classifier) => ({ classifier, href: imageHref(classifier) })),
  };
  if (!readable) return { ...result, rejectReason: notReadableReason(transaction.variant) };
  // Jumio does not check (or extract) a document it does not support: no data, no reject reason.
  if (unsupported) return result;

  result.identity = {
    firstName: transaction.name?.firstName ?? SANDBOX_PERSONA.firstName,
    lastName: transaction.name?.lastName ?? SANDBOX_PERSONA.lastName,
    dateOfBirth: SANDBOX_PERSONA.dateOfBirth,
    expiry: transaction.idExpiry ?? SANDBOX_PERSONA.idExpiry,
    number: sandboxDocumentNumber(transaction.reference),
    address: sandboxAddress(idCountry),
  };
  if (approved) {
    // MRZ is checked only on MRZ-capable documents (jumio-api.md §5.4).
    result.mrzCheck = idType === 'DRIVING_LICENSE' ? 'N/A' : 'OK';
    // null: Identity Verification is not active on the account, so Jumio sends no face check at all.
    if (transaction.identityVerification !== null) {
      result.identityVerification = transaction.identityVerification ?? {
        similarity: 'MATCH',
        validity: true,
      };
    }
  } else {
    result.rejectReason = { rejectReasonCode: '107', rejectReasonDescription: 'PHOTO_MISMATCH' };
  }
  return result;
}

function notReadableReason(variant: number): RejectReason {
  const blurred = { detailsCode: '2001', detailsDescription: 'BLURRED' };
  const glare = { detailsCode: '2006', detailsDescription: 'GLARE' };
  return {
    rejectReasonCode: '200',
    rejectReasonDescription: 'NOT_READABLE_DOCUMENT',
    rejectReasonDetails: variant % 2 === 0 ? blurred : [blurred, glare],
  };
}
