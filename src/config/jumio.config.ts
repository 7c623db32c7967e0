import { parseCidr } from '@app/jumio/callback/ip-allowlist';
import { parseRetrievalSchedule } from '@app/jumio/reconciliation/retrieval-schedule';
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
import { toBool, toInt, toList } from './env-transforms';
import { EachParsedBy, ParsedBy } from './module-parsers';

const httpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

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

  /** A sandbox already running (`npm run sandbox`), used instead of an in-process one; it outlives restarts. */
  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_SANDBOX_URL must be an absolute http(s) URL' })
  JUMIO_SANDBOX_URL?: string;

  @Expose()
  @IsOptional()
  @IsIn(['US', 'EU', 'SG'], { message: 'JUMIO_DATACENTER must be one of US, EU, SG' })
  JUMIO_DATACENTER: 'US' | 'EU' | 'SG' = 'US';

  /** `legacy` (Netverify / DV) or `kyx` (the Jumio Platform): where new transactions start. */
  @Expose()
  @IsOptional()
  @IsIn(['legacy', 'kyx'], { message: 'JUMIO_PLATFORM must be legacy or kyx' })
  JUMIO_PLATFORM: 'legacy' | 'kyx' = 'legacy';

  /** KYX OAuth2 client; required with JUMIO_PLATFORM=kyx outside the sandbox. Never logged. */
  @Expose()
  @ValidateIf(
    (config: JumioConfig) => config.JUMIO_PLATFORM === 'kyx' && config.JUMIO_SANDBOX === false,
  )
  @IsString({
    message: 'JUMIO_KYX_CLIENT_ID is required with JUMIO_PLATFORM=kyx outside the sandbox',
  })
  @MinLength(1, {
    message: 'JUMIO_KYX_CLIENT_ID is required with JUMIO_PLATFORM=kyx outside the sandbox',
  })
  JUMIO_KYX_CLIENT_ID?: string;

  @Expose()
  @ValidateIf(
    (config: JumioConfig) => config.JUMIO_PLATFORM === 'kyx' && config.JUMIO_SANDBOX === false,
  )
  @IsString({ message: 'JUMIO_KYX_CLIENT_SECRET is required with JUMIO_KYX_CLIENT_ID' })
  @MinLength(1, { message: 'JUMIO_KYX_CLIENT_SECRET is required with JUMIO_KYX_CLIENT_ID' })
  JUMIO_KYX_CLIENT_SECRET?: string;

  /** KYX host overrides: base URLs without a path (the sandbox serves all three). */
  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_KYX_AUTH_URL must be an absolute http(s) URL' })
  JUMIO_KYX_AUTH_URL?: string;

  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_KYX_ACCOUNT_URL must be an absolute http(s) URL' })
  JUMIO_KYX_ACCOUNT_URL?: string;

  @Expose()
  @IsOptional()
  @IsUrl(httpUrl, { message: 'JUMIO_KYX_RETRIEVAL_URL must be an absolute http(s) URL' })
  JUMIO_KYX_RETRIEVAL_URL?: string;

  /** KYX workflow keys (confirm with Jumio: its documentation sites disagree). */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_KYX_POI_WORKFLOW_KEY must be an integer' })
  @Min(1, { message: 'JUMIO_KYX_POI_WORKFLOW_KEY must be a positive integer' })
  JUMIO_KYX_POI_WORKFLOW_KEY?: number;

  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_KYX_POA_WORKFLOW_KEY must be an integer' })
  @Min(1, { message: 'JUMIO_KYX_POA_WORKFLOW_KEY must be a positive integer' })
  JUMIO_KYX_POA_WORKFLOW_KEY?: number;

  /** Required unless the sandbox is used (legacy platform). */
  @Expose()
  @ValidateIf(
    (config: JumioConfig) => config.JUMIO_SANDBOX === false && config.JUMIO_PLATFORM !== 'kyx',
  )
  @IsString({ message: 'JUMIO_API_TOKEN is required when JUMIO_SANDBOX is false' })
  @MinLength(1, { message: 'JUMIO_API_TOKEN is required when JUMIO_SANDBOX is false' })
  JUMIO_API_TOKEN?: string;

  @Expose()
  @ValidateIf(
    (config: JumioConfig) =>
      (config.JUMIO_SANDBOX === false && config.JUMIO_PLATFORM !== 'kyx') ||
      !!config.JUMIO_API_TOKEN,
  )
  @IsString({ message: 'JUMIO_API_SECRET is required with JUMIO_API_TOKEN' })
  @MinLength(1, { message: 'JUMIO_API_SECRET is required with JUMIO_API_TOKEN' })
  JUMIO_API_SECRET?: string;

  /** Optional separate Retrieval / Delete pair (least privilege); both or neither. Never logged. */
  @Expose()
  @ValidateIf((config: JumioConfig) => !!config.JUMIO_RETRIEVAL_API_SECRET)
  @IsString({ message: 'JUMIO_RETRIEVAL_API_TOKEN is required with JUMIO_RETRIEVAL_API_SECRET' })
  @MinLength(1, {
    message: 'JUMIO_RETRIEVAL_API_TOKEN is required with JUMIO_RETRIEVAL_API_SECRET',
  })
  JUMIO_RETRIEVAL_API_TOKEN?: string;

  @Expose()
  @ValidateIf((config: JumioConfig) => !!config.JUMIO_RETRIEVAL_API_TOKEN)
  @IsString({ message: 'JUMIO_RETRIEVAL_API_SECRET is required with JUMIO_RETRIEVAL_API_TOKEN' })
  @MinLength(1, {
    message: 'JUMIO_RETRIEVAL_API_SECRET is required with JUMIO_RETRIEVAL_API_TOKEN',
  })
  JUMIO_RETRIEVAL_API_SECRET?: string;

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
  @Matches(/^\S.*\/\S+$/, {
    message: 'JUMIO_USER_AGENT must look like "<Company> <App>/<version>"',
  })
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
  @EachParsedBy(parseCidr)
  JUMIO_CALLBACK_ALLOWED_IPS?: string[];

  /** Encryption keys of personal data at rest: `k2:<base64 32 bytes>,k1:<base64 32 bytes>`. Never logged. */
  @Expose()
  @ValidateIf(
    (config: JumioConfig) =>
      config.JUMIO_SANDBOX === false || !!config.JUMIO_API_TOKEN || !!config.JUMIO_KYX_CLIENT_ID,
  )
  @IsString({ message: 'JUMIO_ENCRYPTION_KEYS is required outside the sandbox' })
  @Matches(/^\s*[A-Za-z0-9_.-]+:[A-Za-z0-9+/=_-]+\s*(,\s*[A-Za-z0-9_.-]+:[A-Za-z0-9+/=_-]+\s*)*$/, {
    message: 'JUMIO_ENCRYPTION_KEYS must look like "k2:<base64 key>,k1:<base64 key>"',
  })
  JUMIO_ENCRYPTION_KEYS?: string;

  /** Id of the key new values are encrypted with (default: the first of JUMIO_ENCRYPTION_KEYS). */
  @Expose()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'JUMIO_ENCRYPTION_KEY_ID must be a key id' })
  JUMIO_ENCRYPTION_KEY_ID?: string;

  /** CIDRs of the host's own load balancers; only their X-Forwarded-For is believed. */
  @Expose()
  @Transform(toList)
  @IsOptional()
  @EachParsedBy(parseCidr)
  JUMIO_TRUSTED_PROXIES?: string[];

  /** Largest callback body accepted, in bytes. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_CALLBACK_MAX_BODY_BYTES must be an integer' })
  @Min(1024, { message: 'JUMIO_CALLBACK_MAX_BODY_BYTES must be between 1024 and 1048576' })
  @Max(1_048_576, { message: 'JUMIO_CALLBACK_MAX_BODY_BYTES must be between 1024 and 1048576' })
  JUMIO_CALLBACK_MAX_BODY_BYTES?: number;

  /** Callbacks accepted per second per instance (bursts of twice as many); default 100. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_CALLBACK_RATE_LIMIT must be an integer' })
  @Min(1, { message: 'JUMIO_CALLBACK_RATE_LIMIT must be between 1 and 100000' })
  @Max(100_000, { message: 'JUMIO_CALLBACK_RATE_LIMIT must be between 1 and 100000' })
  JUMIO_CALLBACK_RATE_LIMIT?: number;

  /** Seconds between Retrieval API re-checks of unfinished transactions, then daily. */
  @Expose()
  @IsOptional()
  @ParsedBy(parseRetrievalSchedule)
  JUMIO_RETRIEVAL_SCHEDULE_S?: string;

  /** Milliseconds between reconciliation passes (0 turns the timer off). */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_RECONCILIATION_INTERVAL_MS must be an integer' })
  @Min(0, { message: 'JUMIO_RECONCILIATION_INTERVAL_MS must be 0 or more' })
  JUMIO_RECONCILIATION_INTERVAL_MS?: number;

  /** Billed starts (initiate, acquisitions) per 5 s and Jumio host; default Jumio's limit, 5. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_PACING_STARTS must be an integer' })
  @Min(1, { message: 'JUMIO_PACING_STARTS must be between 1 and 10000' })
  @Max(10_000, { message: 'JUMIO_PACING_STARTS must be between 1 and 10000' })
  JUMIO_PACING_STARTS?: number;

  /** Retrieval calls per 5 s and Jumio host; default Jumio's limit, 75. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_PACING_RETRIEVALS must be an integer' })
  @Min(1, { message: 'JUMIO_PACING_RETRIEVALS must be between 1 and 100000' })
  @Max(100_000, { message: 'JUMIO_PACING_RETRIEVALS must be between 1 and 100000' })
  JUMIO_PACING_RETRIEVALS?: number;

  /** Longest wait for a turn before the client gets 503 + Retry-After, in ms; default 5000. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_PACING_MAX_WAIT_MS must be an integer' })
  @Min(0, { message: 'JUMIO_PACING_MAX_WAIT_MS must be between 0 and 60000' })
  @Max(60_000, { message: 'JUMIO_PACING_MAX_WAIT_MS must be between 0 and 60000' })
  JUMIO_PACING_MAX_WAIT_MS?: number;

  /** `all` (default): requests and background work; `api`: requests only; `worker`: background work only. */
  @Expose()
  @IsOptional()
  @IsIn(['all', 'api', 'worker'], {
    message: 'JUMIO_INSTANCE_ROLE must be one of all, api, worker',
  })
  JUMIO_INSTANCE_ROLE?: 'all' | 'api' | 'worker';

  /** Stored callbacks confirmed at the same time by this instance (Retrieval API calls in flight). */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_CALLBACK_INBOX_CONCURRENCY must be an integer' })
  @Min(1, { message: 'JUMIO_CALLBACK_INBOX_CONCURRENCY must be between 1 and 256' })
  @Max(256, { message: 'JUMIO_CALLBACK_INBOX_CONCURRENCY must be between 1 and 256' })
  JUMIO_CALLBACK_INBOX_CONCURRENCY?: number;

  /** Connections of the background work's own PostgreSQL pool; 0: share the host's. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_BACKGROUND_POOL_SIZE must be an integer' })
  @Min(0, { message: 'JUMIO_BACKGROUND_POOL_SIZE must be between 0 and 100' })
  @Max(100, { message: 'JUMIO_BACKGROUND_POOL_SIZE must be between 0 and 100' })
  JUMIO_BACKGROUND_POOL_SIZE?: number;

  /** Proof-of-address document types accepted (Jumio DV codes), e.g. BS,UB. */
  @Expose()
  @Transform(toList)
  @IsOptional()
  @Matches(/^[A-Z]{2,6}$/, {
    each: true,
    message: 'JUMIO_POA_DOCUMENT_TYPES must be Jumio DV codes, e.g. BS,UB',
  })
  JUMIO_POA_DOCUMENT_TYPES?: string[];

  /** Maximum age of a proof-of-address document, in days. */
  @Expose()
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JUMIO_POA_MAX_AGE_DAYS must be an integer' })
  @Min(1, { message: 'JUMIO_POA_MAX_AGE_DAYS must be between 1 and 3650' })
  @Max(3650, { message: 'JUMIO_POA_MAX_AGE_DAYS must be between 1 and 3650' })
  JUMIO_POA_MAX_AGE_DAYS?: number;
}
