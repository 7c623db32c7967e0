import { IsIn } from 'class-validator';
import { POA_DOCUMENT_TYPES, type PoaDocumentType } from '../../common/jumio-codes';
import { IsJumioCountry } from '../../common/jumio-validators';

/** Mobile POA start: which document the user will capture. */
export class StartPoaScanDto {
  /** Jumio Document Verification type code, e.g. UB (utility bill) or BS (bank statement). */
  @IsIn(POA_DOCUMENT_TYPES)
  documentType: PoaDocumentType;

  /** Country that issued the document (ISO 3166-1 alpha-3, or XKX). */
  @IsJumioCountry()
  country: string;
}
