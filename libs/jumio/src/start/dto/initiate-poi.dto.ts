import { IsOptional } from 'class-validator';
import { IsJumioLocale, IsRedirectUrl } from '../../common/jumio-validators';

/** Web POI start (Jumio Netverify web v4). */
export class InitiatePoiDto {
  /** Where Jumio sends the user after a finished capture (https; max 2047 characters). */
  @IsRedirectUrl(2047)
  successUrl: string;

  /** Where Jumio sends the user after a failed capture (https; max 255 characters). */
  @IsRedirectUrl(255)
  errorUrl: string;

  /** Language of Jumio's web client, e.g. en, de, en-GB. */
  @IsOptional()
  @IsJumioLocale()
  locale?: string;
}
