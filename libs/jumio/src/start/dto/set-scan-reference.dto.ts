import { IsString, Matches } from 'class-validator';
import { JUMIO_REFERENCE_PATTERN } from '../../common/jumio-codes';

/** The scanReference the Jumio mobile SDK returned. */
export class SetScanReferenceDto {
  /** Jumio's reference: up to 36 characters of letters, digits and '-'. */
  @IsString()
  @Matches(JUMIO_REFERENCE_PATTERN, { message: '$property must be a Jumio scan reference' })
  scanReference: string;
}
