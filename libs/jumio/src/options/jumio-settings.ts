import type { CanActivate, Type } from '@nestjs/common';
import type { JumioInstanceRole } from './instance-role';
import type { EncryptionKeyRing } from './encryption-key-ring';
import type { JumioDataCenter, JumioRequest } from './jumio.options';
import type { JumioPlatformName } from './jumio-platform-name';
import type { JumioHosts, KyxHosts } from './platform-hosts';
import type { ProofOfAddressRules } from './proof-of-address-rules';
import type { DecisionPolicy } from './decision-policy.options';
import type { ExtractedData } from './extracted-data';

/*
 * What the module runs on: the host's validated options with every default applied, resolved once at
 * start-up (option-validation/resolve-jumio-settings.ts) and frozen. Services inject `JUMIO_SETTINGS` and read their group,
 * never the raw options. One unit per kind: every duration is in milliseconds (`...Ms`); options given in
 * seconds, minutes, hours or days are converted once, by the resolver. A timer of 0 is off.
 */

/** Injection token of the resolved `JumioSettings`. */
export const JUMIO_SETTINGS = 'JUMIO_SETTINGS';

export type UserIdResolver = (
  request: JumioRequest,
) => string | undefined | Promise<string | undefined>;

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** How the module reaches Jumio's legacy APIs. */
export interface ConnectionSettings {
  /** The platform new transactions start on. */
  readonly platform: JumioPlatformName;
  readonly dataCenter: JumioDataCenter;
  readonly hosts: Readonly<JumioHosts>;
  /** Initiate and acquisitions. */
  readonly startCredentials: BasicCredentials;
  /** Retrieval and delete: the least-privilege pair when given, else the start pair. */
  readonly retrievalCredentials: BasicCredentials;
  readonly userAgent: string;
  readonly requestTimeoutMs: number;
  readonly sandbox: boolean;
}

/** Where callbacks arrive, who may send them, and how the stored ones are confirmed. */
export interface CallbackSettings {
  readonly baseUrl: string;
  /** `callbackAllowedIps`, else Jumio's list for the data centre (plus loopback in the sandbox). */
  readonly allowedCidrs: readonly string[];
  readonly trustedProxies: readonly string[];
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** KYX callbacks are JSON: accepted once `kyx` is configured. */
  readonly acceptsJson: boolean;
  /** Looks for stored callbacks left unprocessed; 0 on an API-only instance. */
  readonly inboxIntervalMs: number;
  readonly inboxConcurrency: number;
}

/** Starting scans: who the user is, how many attempts, the web link. */
export interface ScanSettings {
  readonly resolveUserId: UserIdResolver;
  /** Verification attempts per user and type (option `maxAttempts`). */
  readonly maxAttempts: number;
  /** Lifetime of Jumio's web link (option `tokenLifetimeMinutes`). */
  readonly webLinkLifetimeMs: number;
  readonly workflowId: number;
  /** How long a start may hold its claim (its one Jumio call plus a margin). */
  readonly startClaimLeaseMs: number;
  readonly userVisibleExtractedFields: ReadonlyArray<keyof ExtractedData>;
}

/** The decision table and the proof-of-address rules. */
export interface DecisionSettings {
  readonly policy: Readonly<DecisionPolicy>;
  readonly poaRules: Readonly<ProofOfAddressRules>;
}

export interface ReviewSettings {
  readonly fourEyes: boolean;
  readonly resolveReviewerId: UserIdResolver;
}

/** Retrieval API re-checks and the reconciliation timer. */
export interface RetrievalSettings {
  /** Delays between re-checks of an unfinished transaction (option `retrievalScheduleSeconds`); then daily. */
  readonly scheduleMs: readonly number[];
  /** 0 when off or on an API-only instance. */
  readonly reconciliationIntervalMs: number;
}

export interface PacingSettings {
  readonly startsPerWindow: number;
  readonly retrievalsPerWindow: number;
  readonly windowMs: number;
  readonly maxQueueWaitMs: number;
}

/** Calls to Jumio: attempts, backoff, deadline, circuit breaker. */
export interface ResilienceSettings {
  /** HTTP attempts of a retry-safe call, the first included (option `resilience.httpAttempts`). */
  readonly httpAttempts: number;
  readonly retryInitialDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly deadlineMs: number;
  readonly breakerThreshold: number;
  readonly breakerHalfOpenAfterMs: number;
}

export interface DataProtectionSettings {
  readonly keyRing: Readonly<EncryptionKeyRing>;
  /** No `encryptionKeys` in the sandbox: the public development key (warned about loudly). */
  readonly isSandboxDevKey: boolean;
  readonly personalDataRetentionMs: number;
  readonly rawCallbackRetentionMs: number;
  /** The purge and erasure-retry job; 0 when off or on an API-only instance. */
  readonly retentionJobIntervalMs: number;
  readonly adminRoutesEnabled: boolean;
  readonly adminGuard: Type<CanActivate> | CanActivate | undefined;
}

export interface KyxSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly hosts: Readonly<KyxHosts>;
  readonly poiWorkflowKey: number;
  readonly poaWorkflowKey: number;
}

export interface InstanceSettings {
  readonly role: JumioInstanceRole;
  /** Every role but `api` runs the background timers. */
  readonly runsBackgroundWork: boolean;
  /** Outbox deliveries to event subscribers; 0 when off or on an API-only instance. */
  readonly outboxRelayIntervalMs: number;
  /** Connections of the background work's own PostgreSQL pool; 0 on an API-only instance. */
  readonly backgroundPoolSize: number;
}

export interface JumioSettings {
  readonly connection: ConnectionSettings;
  readonly callbacks: CallbackSettings;
  readonly scans: ScanSettings;
  readonly decisions: DecisionSettings;
  readonly review: ReviewSettings;
  readonly retrieval: RetrievalSettings;
  readonly pacing: PacingSettings;
  readonly resilience: ResilienceSettings;
  readonly dataProtection: DataProtectionSettings;
  /** Undefined without `kyx` options. */
  readonly kyx: KyxSettings | undefined;
  readonly instance: InstanceSettings;
}
