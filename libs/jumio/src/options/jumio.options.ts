import type { CanActivate, Type } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { EncryptionKeyRing } from './encryption-key-ring';
import type { ExtractedData } from './extracted-data';
import type { ProofOfAddressRules } from './proof-of-address-rules';
import type { DecisionPolicyOptions } from './decision-policy.options';
import type { JumioPacingOptions } from './jumio-pacing.options';
import type { JumioResilienceOptions } from './jumio-resilience.options';
import type { JumioInstanceRole } from './instance-role';
import type { JumioPlatformName } from './jumio-platform-name';
import type { JumioKyxOptions } from './kyx.options';

export type JumioDataCenter = 'US' | 'EU' | 'SG';

/**
 * The HTTP request as the host's adapter hands it over: Express's `Request` or Fastify's `FastifyRequest`
 * (typed by what both have, so the module needs neither package). Host code may annotate its own type.
 */
export interface JumioRequest {
  headers: IncomingHttpHeaders;
}

/** Options of `JumioModule.forRoot()` / `forRootAsync()`, validated at start-up (option-validation/validate-jumio-options.ts). */
export interface JumioModuleOptions {
  /**
   * Which Jumio API new transactions start on: `legacy` (Netverify / DV, HTTP Basic) or `kyx` (the Jumio
   * Platform, OAuth2; needs `kyx`). Transactions remember theirs. Default `legacy`.
   */
  platform?: JumioPlatformName;
  /** KYX client credentials, hosts and workflow keys (`platform: 'kyx'`). */
  kyx?: JumioKyxOptions;
  /** Jumio API token (HTTP Basic user). Never logged. */
  apiToken: string;
  /** Jumio API secret (HTTP Basic password). Never logged. */
  apiSecret: string;
  /** Jumio data centre; selects the default hosts and callback source IPs. Default `US`. */
  dataCenter?: JumioDataCenter;
  /** Override of the Netverify core host (initiate, NV retrieval and delete), e.g. the sandbox URL. */
  netverifyUrl?: string;
  /** Override of the Document Verification upload host (web acquisitions). */
  uploadUrl?: string;
  /** Override of the Document Verification retrieval and delete host. */
  retrievalUrl?: string;
  /** User-Agent sent to Jumio: "<Company> <App>/<version>". */
  userAgent: string;
  /**
   * Public base URL under which Jumio reaches this service's callback route: https, a domain name, no port,
   * query or fragment. The host's global prefix (`setGlobalPrefix`) is added by the module.
   */
  callbackBaseUrl: string;
  /** CIDRs allowed to post callbacks. Default: Jumio's published list for the data centre. */
  callbackAllowedIps?: string[];
  /** Reads the current user's id from the request. Default `request.user.id`. Return undefined for 401. */
  resolveUserId?(request: JumioRequest): string | undefined | Promise<string | undefined>;
  /**
   * Verification attempts per user and type; a retryable result on the last one goes to manual review
   * (or REJECTED, `decisionPolicy.lastAttempt`). Abandoned captures (NO_ID_UPLOADED) do not count. Default 3.
   * (HTTP attempts of one call to Jumio are `resilience.httpAttempts`.)
   */
  maxAttempts?: number;
  /** Lifetime of Jumio's web token (redirectUrl) in minutes. Default 30. */
  tokenLifetimeMinutes?: number;
  /** Timeout of one HTTP call to Jumio, in milliseconds. Default 10000. */
  requestTimeoutMs?: number;
  /** Deadline, retries (retry-safe calls only), backoff and per-host circuit breaker of calls to Jumio. */
  resilience?: JumioResilienceOptions;
  /** Jumio Netverify workflow id for web POI (200 = ID + selfie, camera and upload). Default 200. */
  workflowId?: number;
  /**
   * Optional separate credential pair for the Retrieval and Delete APIs ("Transaction administration
   * APIs" in Jumio's portal): least privilege, the starting pair then cannot read or delete results.
   * Both or neither. Default: `apiToken` / `apiSecret` for every call. Never logged.
   */
  retrievalApiToken?: string;
  /** Secret of the retrieval / delete pair; see `retrievalApiToken`. Never logged. */
  retrievalApiSecret?: string;
  /** Pacing of calls to Jumio under its rate limits (per Jumio host, per instance). See `JumioPacingOptions`. */
  pacing?: JumioPacingOptions;
  /** Set to true only when pointing at the local Jumio sandbox (allows http callback URLs). */
  sandbox?: boolean;
  /** Keys encrypting personal data at rest (AES-256-GCM). Required unless `sandbox` (public dev key). */
  encryptionKeys?: EncryptionKeyRing;
  /** How long personal data is kept, and how often the background job purges and retries erasures. */
  retention?: JumioRetentionOptions;
  /**
   * The settings of the decision table a bank may choose (docs/decisions.md): unsupported IDs, expired IDs,
   * additionalChecks hits, doubtful proofs of address, the last attempt. See `DEFAULT_DECISION_POLICY`.
   */
  decisionPolicy?: DecisionPolicyOptions;
  /** Manual review queue: `fourEyes` makes a second, different reviewer confirm each decision. Default off. */
  manualReview?: { fourEyes?: boolean };
  /**
   * Reads the reviewer's id from an admin request (review routes). Default `request.user.id`. Return
   * undefined for 401. Called after `adminGuard`.
   */
  resolveReviewerId?(request: JumioRequest): string | undefined | Promise<string | undefined>;
  /** Serve the admin routes (`!eraseUser`, the review queue). Default false. Requires `adminGuard`. */
  enableAdminRoutes?: boolean;
  /** Guard (class or instance) that protects the admin routes; the host's own admin authentication. */
  adminGuard?: Type<CanActivate> | CanActivate;
  /**
   * CIDRs of the host's own load balancers / reverse proxies. Only when the direct peer is one of them is
   * `X-Forwarded-For` read (right-most hop that is not a trusted proxy). Default none: the socket address.
   */
  trustedProxies?: string[];
  /** Largest callback body accepted, in bytes (413 beyond). Default 65536. */
  callbackMaxBodyBytes?: number;
  /**
   * Callbacks accepted per second by one instance (a token bucket of `burst`), checked before the body is
   * read; beyond it 429 with `Retry-After: 1` (Jumio retries, reconciliation recovers what it does not).
   * Default 100 per second, burst 200; raise it for load tests.
   */
  callbackRateLimit?: { perSecond: number; burst: number };
  /** Milliseconds a callback's body may take to arrive once its headers did (slow senders are cut off, 408). Default 10000. */
  callbackBodyTimeoutMs?: number;
  /** Seconds between Retrieval API re-checks of an unfinished transaction; then daily. Default Jumio's 40, 60, 100, ... 940. */
  retrievalScheduleSeconds?: number[];
  /** Milliseconds between reconciliation passes; 0 disables the timer (call `ReconciliationService.runOnce`). Default 15000. */
  reconciliationIntervalMs?: number;
  /** Milliseconds between outbox deliveries to event subscribers; 0 disables the timer. Default 1000. */
  outboxRelayIntervalMs?: number;
  /**
   * Milliseconds between looks for stored callbacks left unprocessed (e.g. by an instance that stopped);
   * new callbacks are processed right after they are answered. 0 disables the timer. Default 5000.
   */
  callbackInboxIntervalMs?: number;
  /** Stored callbacks confirmed at the same time by one instance (Retrieval API calls in flight). Default 4. */
  callbackInboxConcurrency?: number;
  /**
   * Which work this instance does: `all` (default) requests and background work; `api` requests only
   * (no timers; its stored callbacks are left to other instances); `worker` background work only, the
   * callback inbox drained continuously (its timer defaults to 500 ms). Run at least one non-`api` instance.
   */
  instanceRole?: JumioInstanceRole;
  /**
   * PostgreSQL: connections of the separate pool the background work uses (callback confirmation,
   * reconciliation, outbox relay, data-protection job), opened from the host's DataSource options so that
   * it never waits behind requests in the host's pool, nor they behind it. 0: share the host's pool.
   * Default half of `callbackInboxConcurrency`, at least 4 and at most 16 (none on an `api` instance or on
   * SQLite).
   */
  backgroundPoolSize?: number;
  /** Proof-of-address rules (accepted types, maximum age, name and address checks). See `DEFAULT_POA_RULES`. */
  poaRules?: Partial<ProofOfAddressRules>;
  /** Extracted fields a user may see of their own documents in the status answer. Default `[]`: none (data minimisation). */
  userVisibleExtractedFields?: Array<keyof ExtractedData>;
}

/** Storage limits of personal data; see the README's data-protection section. */
export interface JumioRetentionOptions {
  /** Days after a result arrives until its extracted personal data is purged (decision kept). Default 90. */
  personalDataDays?: number;
  /** Hours an unprocessed raw callback is kept; processed ones are purged at the next run. Default 24. */
  rawCallbackHours?: number;
  /** Seconds between runs of the purge and erasure-retry job; 0 disables it (tests). Default 60. */
  jobIntervalSeconds?: number;
}

export const JUMIO_DEFAULTS = {
  dataCenter: 'US' as JumioDataCenter,
  maxAttempts: 3,
  tokenLifetimeMinutes: 30,
  requestTimeoutMs: 10_000,
  workflowId: 200,
};
