import { IsIn, IsOptional } from 'class-validator';
import { POA_DOCUMENT_TYPES, type PoaDocumentType } from '../../common/jumio-codes';
import { IsJumioCountry, IsJumioLocale, IsRedirectUrl } from '../../common/jumio-validators';

/** Web POA start (Jumio Document Verification acquisition). */
export class AcquirePoaDto {
  /** Where Jumio sends the user after a finished upload (https, no query; max 255 characters). */
  @IsRedirectUrl(255)
  successUrl: string;

  /** Where Jumio sends the user after a failed upload (https, no query; max 255 characters). */
  @IsRedirectUrl(255)
  errorUrl: string;

  /** Jumio Document Verification type code, e.g. UB (utility bill) or BS (bank statement). */
  @IsIn(POA_DOCUMENT_TYPES)
  documentType: PoaDocumentType;

  /** Country that issued the document (ISO 3166-1 alpha-3, or XKX). */
  @IsJumioCountry()
  country: string;

  /** Language of Jumio's upload page, e.g. en, de, en-GB. */
  @IsOptional()
  @IsJumioLocale()
  locale?: string;
}
