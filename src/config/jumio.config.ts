import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== ''
    ? value.split(',').map((part) => part.trim())
    : undefined;
const httpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;

/** Everything the demo needs to talk to Jumio (or to the sandbox). */
export class JumioConfig {
  /** `true` starts the local Jumio sandbox in-process. Default: true when no API token is set. */
  @Expose()
  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'JUMIO_SANDBOX must be "true" or "false"' })
  JUMIO_SANDBOX?: boolean;

  /** Port of the in-process sandbox (0 = any free port). */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_SANDBOX_PORT must be an integer' })
  @Min(0, { message: 'JUMIO_SANDBOX_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'JUMIO_SANDBOX_PORT must be between 0 and 65535' })
  JUMIO_SANDBOX_PORT: number = 4010;

  @Expose()
  @IsOptional()
  @IsIn(['US', 'EU', 'SG'], { message: 'JUMIO_DATACENTER must be one of US, EU, SG' })
  JUMIO_DATACENTER: 'US' | 'EU' | 'SG' = 'US';

  /** Required unless the sandbox is used. */
  @Expose()
  @ValidateIf((config: JumioConfig) => config.JUMIO_SANDBOX === false)
  @IsString({ message: 'JUMIO_API_TOKEN is required when JUMIO_SANDBOX is false' })
  @MinLength(1, { message: 'JUMIO_API_TOKEN is required when JUMIO_SANDBOX is false' })
  JUMIO_API_TOKEN?: string;

  @Expose()
  @ValidateIf((config: JumioConfig) => config.JUMIO_SANDBOX === false || !!config.JUMIO_API_TOKEN)
  @IsString({ message: 'JUMIO_API_SECRET is required with JUMIO_API_TOKEN' })
  @MinLength(1, { message: 'JUMIO_API_SECRET is required with JUMIO_API_TOKEN' })
  JUMIO_API_SECRET?: string;

  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_NETVERIFY_URL must be an absolute http(s) URL' })
  JUMIO_NETVERIFY_URL?: string;

  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_UPLOAD_URL must be an absolute http(s) URL' })
  JUMIO_UPLOAD_URL?: string;

  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_RETRIEVAL_URL must be an absolute http(s) URL' })
  JUMIO_RETRIEVAL_URL?: string;

  /** "<Company> <App>/<version>", as Jumio asks. */
  @Expose()
  @IsOptional()
  @IsString()
  @Matches(/^\S.*\/\S+$/, { message: 'JUMIO_USER_AGENT must look like "<Company> <App>/<version>"' })
  @MaxLength(200, { message: 'JUMIO_USER_AGENT must be at most 200 characters' })
  JUMIO_USER_AGENT: string = 'Example Bank JumioService/0.1.0';

  /** Where Jumio reaches this service's callback route. Default: this app's own address. */
  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_CALLBACK_BASE_URL must be an absolute http(s) URL' })
  JUMIO_CALLBACK_BASE_URL?: string;

  /** Comma-separated CIDRs allowed to post callbacks. Default: Jumio's list for the data centre. */
  @Expose()
  @Transform(toList)
  @IsOptional()
  @Matches(CIDR, { each: true, message: 'JUMIO_CALLBACK_ALLOWED_IPS must be comma-separated IPs or CIDRs' })
  JUMIO_CALLBACK_ALLOWED_IPS?: string[];
}
