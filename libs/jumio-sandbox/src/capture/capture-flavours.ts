import type { SandboxTransaction, ScanOutcome } from '../store/transaction.types';
import type { OutcomeChoice } from './capture-page.html';
import { DOCUMENT_ERROR, NETVERIFY_ERROR, type JourneyEnd } from './journey-end';

/** What differs between the Netverify and the Document Verification capture pages. */
export interface CaptureFlavour {
  product: SandboxTransaction['product'];
  tokenParam: 'authorizationToken' | 'initiationToken';
  submitPath: string;
  heading: string;
  outcomes: OutcomeChoice[];
  defaultOutcome: ScanOutcome;
  /** What a cancel amounts to. */
  cancelOutcome: ScanOutcome;
  expiredErrorCode: number;
  usedErrorCode: number;
  /** "Success" means images accepted for processing, not a verification verdict. */
  journeyEnd(outcome: ScanOutcome, cancelled: boolean): JourneyEnd;
  details(transaction: SandboxTransaction): [string, string][];
}

export const NETVERIFY_CAPTURE: CaptureFlavour = {
  product: 'NETVERIFY',
  tokenParam: 'authorizationToken',
  submitPath: '/sandbox/capture/netverify',
  heading: 'Identity verification (Netverify web v4)',
  outcomes: [
    { value: 'APPROVED_VERIFIED', label: 'Approved', hint: 'Genuine document, face matches.' },
    { value: 'DENIED_FRAUD', label: 'Fraud', hint: 'Rejected: photo mismatch (107).' },
    {
      value: 'ERROR_NOT_READABLE_ID',
      label: 'Unreadable',
      hint: 'Uploaded, but not readable (200).',
    },
    {
      value: 'NO_ID_UPLOADED',
      label: 'No upload',
      hint: 'Nothing uploaded: ends on errorUrl (9820).',
    },
  ],
  defaultOutcome: 'APPROVED_VERIFIED',
  cancelOutcome: 'NO_ID_UPLOADED',
  expiredErrorCode: NETVERIFY_ERROR.tokenInvalid,
  usedErrorCode: NETVERIFY_ERROR.tokenInvalid,
  journeyEnd(outcome, cancelled) {
    if (cancelled) return { success: false, errorCode: NETVERIFY_ERROR.cancelled };
    if (outcome === 'NO_ID_UPLOADED')
      return { success: false, errorCode: NETVERIFY_ERROR.noUpload };
    return { success: true };
  },
  details(transaction) {
    const details: [string, string][] = [['Transaction reference', transaction.reference]];
    if (transaction.product === 'NETVERIFY' && transaction.preset) {
      details.push(['Preset', `${transaction.preset.idType} / ${transaction.preset.country}`]);
    }
    if (transaction.locale) details.push(['Locale', transaction.locale]);
    return details;
  },
};

export const DOCUMENT_CAPTURE: CaptureFlavour = {
  product: 'DOCUMENT',
  tokenParam: 'initiationToken',
  submitPath: '/sandbox/capture/document',
  heading: 'Document upload (Document Verification)',
  outcomes: [
    { value: 'EXTRACTED', label: 'Extracted', hint: 'Uploaded, data extracted.' },
    { value: 'UPLOADED', label: 'Uploaded', hint: 'Uploaded, no data extracted.' },
    { value: 'FAILED', label: 'Failed', hint: 'The person gives up: ends on errorUrl (310).' },
  ],
  defaultOutcome: 'EXTRACTED',
  cancelOutcome: 'FAILED',
  expiredErrorCode: DOCUMENT_ERROR.tokenInvalid,
  usedErrorCode: DOCUMENT_ERROR.alreadyCompleted,
  journeyEnd(outcome) {
    if (outcome === 'FAILED') return { success: false, errorCode: DOCUMENT_ERROR.sessionExpired };
    return { success: true };
  },
  details(transaction) {
    const details: [string, string][] = [['Scan reference', transaction.reference]];
    if (transaction.product === 'DOCUMENT') {
      details.push(['Document type', transaction.documentType]);
      if (transaction.country) details.push(['Country', transaction.country]);
    }
    if (transaction.locale) details.push(['Locale', transaction.locale]);
    return details;
  },
};
