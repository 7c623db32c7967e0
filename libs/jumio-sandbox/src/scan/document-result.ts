import type { DocumentTransaction } from '../store/transaction.types';
import { SANDBOX_PERSONA } from './sandbox-persona';

/** Document Verification address (jumio-api.md §5.6): note `countryCode`, unlike Netverify's `country`. */
export interface DocumentAddress {
  line1: string;
  city: string;
  postalCode: string;
  countryCode: string;
  formattedAddress: string;
}

/** The data extracted from a proof-of-address document; which fields exist depends on the type. */
export interface DocumentExtraction {
  /** The full name for every type but SSC (jumio-api.md §6). */
  firstName: string;
  lastName?: string;
  ssn?: string;
  signatureAvailable?: boolean;
  issueDate?: string;
  pan?: string;
  accountNumber?: string;
  swiftCode?: string;
  address?: DocumentAddress;
}

export interface DocumentResult {
  transactionStatus: 'DONE' | 'FAILED';
  /** Absent when the transaction FAILED. DISCARDED: extraction was asked for a type Jumio cannot read. */
  documentStatus?: 'UPLOADED' | 'EXTRACTED' | 'DISCARDED';
  extraction?: DocumentExtraction;
  images: string[];
}

/**
 * The request types Jumio extracts data from (IG23 callback.md "Supported documents for data extraction":
 * BS, UB, CCS, CC, SSC and BC, plus OTHER, which only appears in answers). Any other type asked for with
 * extraction comes back DISCARDED (corrections #13).
 */
export const EXTRACTABLE_DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'BS',
  'UB',
  'CCS',
  'CC',
  'SSC',
  'BC',
]);

const MAX_PAGES = 30;
/** Issue date this many days before the transaction, so "recent document" rules can be tested. */
const ISSUED_DAYS_BEFORE = 20;

export function documentResult(
  transaction: DocumentTransaction,
  publicUrl: string,
): DocumentResult {
  if (transaction.outcome === 'FAILED') return { transactionStatus: 'FAILED', images: [] };
  const pages = Math.min(Math.max(transaction.pageCount, 1), MAX_PAGES);
  const images = Array.from(
    { length: pages },
    (_, index) =>
      `${publicUrl}/api/netverify/v2/documents/${transaction.reference}/pages/${index + 1}`,
  );
  const extracted = transaction.outcome === 'EXTRACTED' && transaction.enableExtraction;
  if (!extracted) return { transactionStatus: 'DONE', documentStatus: 'UPLOADED', images };
  if (!EXTRACTABLE_DOCUMENT_TYPES.has(transaction.documentType)) {
    return { transactionStatus: 'DONE', documentStatus: 'DISCARDED', images };
  }
  return {
    transactionStatus: 'DONE',
    documentStatus: 'EXTRACTED',
    extraction: extractionFor(transaction),
    images,
  };
}

function extractionFor(transaction: DocumentTransaction): DocumentExtraction {
  const fullName = `${SANDBOX_PERSONA.firstName} ${SANDBOX_PERSONA.lastName}`;
  switch (transaction.documentType) {
    case 'SSC':
      return {
        firstName: SANDBOX_PERSONA.firstName,
        lastName: SANDBOX_PERSONA.lastName,
        ssn: '987654320',
        signatureAvailable: true,
      };
    case 'CC':
      // Jumio returns the card's expiry as issueDate, MM/YY (jumio-api.md §4.3).
      return { firstName: fullName, pan: 'XXXXXXXXXXXX1111', issueDate: '12/29' };
    default: {
      const extraction: DocumentExtraction = {
        firstName: fullName,
        issueDate: issueDateFor(transaction.createdAt),
        address: {
          line1: 'SANDBOX STREET 1',
          city: 'SANDBOX CITY',
          postalCode: '1010',
          countryCode: transaction.country ?? 'AUT',
          formattedAddress: 'SANDBOX STREET 1, 1010 SANDBOX CITY',
        },
      };
      if (transaction.documentType === 'BS') {
        extraction.accountNumber = 'DE89370400440532013000';
        extraction.swiftCode = 'SBXBDEFFXXX';
      }
      return extraction;
    }
  }
}

function issueDateFor(createdAt: string): string {
  const issued = new Date(Date.parse(createdAt) - ISSUED_DAYS_BEFORE * 24 * 60 * 60 * 1000);
  return issued.toISOString().slice(0, 10);
}
