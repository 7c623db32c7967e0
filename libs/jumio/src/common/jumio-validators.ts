import { applyDecorators } from '@nestjs/common';
import { isISO31661Alpha3, IsString, IsUrl, Matches, MaxLength, ValidateBy } from 'class-validator';
import { LOCALE_PATTERN } from './jumio-codes';

/**
 * ISO 3166-1 alpha-3 (validator.js's list) plus `XKX` for Kosovo, which Jumio accepts (jumio-api.md §1.3).
 * Upper case only, as Jumio writes them.
 */
export function IsJumioCountry(): PropertyDecorator {
  return ValidateBy({
    name: 'isJumioCountry',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        /^[A-Z]{3}$/.test(value) &&
        (value === 'XKX' || isISO31661Alpha3(value)),
      defaultMessage: (args) =>
        `${args?.property} must be an ISO 3166-1 alpha-3 country code in upper case (or XKX)`,
    },
  });
}

/**
 * A success or error URL: absolute http(s), no fragment, at most `maxLength` characters (jumio-api.md §1.3).
 * HTTPS, host and query rules depend on the module's options and product: see scan-transaction/redirect-url.rules.ts.
 */
export function IsRedirectUrl(maxLength: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MaxLength(maxLength),
    IsUrl({
      require_protocol: true,
      protocols: ['http', 'https'],
      require_tld: false,
      allow_fragments: false,
      allow_underscores: true,
    }),
  );
}

/** Language of Jumio's web client: `en`, `de`, `en-GB`, `pt_BR` ... */
export function IsJumioLocale(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(LOCALE_PATTERN, { message: '$property must look like en, en-GB or en_GB' }),
  );
}
