/** Personal data extracted by Jumio. Every field optional: availability depends on document and account. */
export interface ExtractedData {
  firstName?: string;
  lastName?: string;
  /** DV: the full name as printed (Jumio puts it in `firstName` for non-SSC types). */
  fullName?: string;
  dateOfBirth?: string;
  documentNumber?: string;
  documentType?: string;
  documentSubtype?: string;
  issuingCountry?: string;
  nationality?: string;
  expiryDate?: string;
  issueDate?: string;
  address?: ExtractedAddress;
}

export interface ExtractedAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  city?: string;
  postalCode?: string;
  subdivision?: string;
  country?: string;
  formatted?: string;
}
