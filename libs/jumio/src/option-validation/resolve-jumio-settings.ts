import { JUMIO_CALLBACK_IPS, resolveJumioHosts } from '../jumio/jumio-hosts';
import { LOOPBACK_CIDRS } from '../callback/ip-allowlist';
import { defaultResolveUserId } from '../common/user-id.resolver';
import { RETENTION_DEFAULTS } from '../data-protection/data-protection.settings';
import { sandboxDevKeyRing } from '../data-protection/encryption-keys';
import { JUMIO_DEFAULTS, type JumioModuleOptions } from '../options/jumio.options';
import { resolveKyxHosts } from '../jumio/kyx/kyx-hosts';
import { KYX_DEFAULTS } from '../options/kyx.options';
import { resolvePoaRules } from '../results/proof-of-address.rules';
import { DEFAULT_RETRIEVAL_SCHEDULE_SECONDS } from '../reconciliation/retrieval-schedule';
import { JUMIO_PACING_DEFAULTS } from '../options/jumio-pacing.options';
import { JUMIO_RESILIENCE_DEFAULTS } from '../options/jumio-resilience.options';
import { resolveDecisionPolicy } from '../transaction/decision-policy';
import type {
  CallbackSettings,
  ConnectionSettings,
  DataProtectionSettings,
  InstanceSettings,
  JumioSettings,
  KyxSettings,
  ResilienceSettings,
  RetrievalSettings,
  ScanSettings,
} from '../options/jumio-settings';

/** Defaults of the options that have none elsewhere (the README's options table lists them all). */
const BACKGROUND_DEFAULTS = {
  reconciliationIntervalMs: 15_000,
  outboxRelayIntervalMs: 1_000,
  callbackInboxIntervalMs: 5_000,
  /** A worker drains the callback inbox continuously. */
  workerCallbackInboxIntervalMs: 500,
  callbackInboxConcurrency: 4,
};

/**
 * Connections of the background work's own pool (PostgreSQL) when `backgroundPoolSize` is not set: half
 * the inbox concurrency (a confirmation spends most of its time in the Retrieval API, not in the
 * database), at least 4 and at most 16. With a fixed 4, 32 confirmations in flight queued for a
 * connection at every statement, and four stuck ones (a row locked by another writer) held back all
 * the others (bench/README.md, results pipeline, 2026-12-06 22:00).
 */
export function defaultBackgroundPoolSize(inboxConcurrency: number): number {
  return Math.min(16, Math.max(4, Math.ceil(inboxConcurrency / 2)));
}

const CALLBACK_DEFAULTS = {
  /** Jumio's callbacks are a few KB of form fields; image data travels by URL, never in the body. */
  maxBodyBytes: 64 * 1024,
  rateLimit: { perSecond: 100, burst: 200 },
  bodyTimeoutMs: 10_000,
};

/**
 * A start holds its claim (start-claims.ts) for its one Jumio call (initiate and acquisitions are never
 * retried, so it ends within the per-request timeout or the call deadline, whichever is shorter) plus
 * this margin, room for the database work around the call under load. Then the claim lapses (its instance
 * crashed or hangs) and the step is not blocked for good.
 */
const START_CLAIM_MARGIN_MS = 10_000;

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * The settings the module runs on, from options `validateJumioOptions` accepted: every default applied,
 * every duration in milliseconds, deeply frozen. Throws nothing for validated options.
 */
export function resolveJumioSettings(options: JumioModuleOptions): JumioSettings {
  const role = options.instanceRole ?? 'all';
  const runsBackgroundWork = role !== 'api';
  const background = (intervalMs: number) => (runsBackgroundWork ? intervalMs : 0);
  const connection = connectionSettings(options);
  const resilience = resilienceSettings(options);
  const callbacks = callbackSettings(options, background);
  const instance: InstanceSettings = {
    role,
    runsBackgroundWork,
    outboxRelayIntervalMs: background(
      options.outboxRelayIntervalMs ?? BACKGROUND_DEFAULTS.outboxRelayIntervalMs,
    ),
    backgroundPoolSize: background(
      options.backgroundPoolSize ?? defaultBackgroundPoolSize(callbacks.inboxConcurrency),
    ),
  };
  const retrieval: RetrievalSettings = {
    scheduleMs: (options.retrievalScheduleSeconds ?? DEFAULT_RETRIEVAL_SCHEDULE_SECONDS).map(
      (seconds) => seconds * SECOND_MS,
    ),
    reconciliationIntervalMs: background(
      options.reconciliationIntervalMs ?? BACKGROUND_DEFAULTS.reconciliationIntervalMs,
    ),
  };
  return deepFreeze({
    connection,
    callbacks,
    scans: scanSettings(options, connection, resilience),
    decisions: {
      policy: resolveDecisionPolicy(
        options.decisionPolicy,
        options.workflowId ?? JUMIO_DEFAULTS.workflowId,
      ),
      poaRules: resolvePoaRules(options.poaRules),
    },
    review: {
      fourEyes: options.manualReview?.fourEyes === true,
      resolveReviewerId: options.resolveReviewerId ?? defaultResolveUserId,
    },
    retrieval,
    pacing: { ...JUMIO_PACING_DEFAULTS, ...definedOnly(options.pacing ?? {}) },
    resilience,
    dataProtection: dataProtectionSettings(options, background),
    kyx: kyxSettings(options, connection),
    instance,
  });
}

function connectionSettings(options: JumioModuleOptions): ConnectionSettings {
  const startCredentials = { username: options.apiToken, password: options.apiSecret };
  const { retrievalApiToken, retrievalApiSecret } = options;
  return {
    platform: options.platform ?? 'legacy',
    dataCenter: options.dataCenter ?? JUMIO_DEFAULTS.dataCenter,
    hosts: resolveJumioHosts(options),
    startCredentials,
    retrievalCredentials:
      retrievalApiToken && retrievalApiSecret
        ? { username: retrievalApiToken, password: retrievalApiSecret }
        : startCredentials,
    userAgent: options.userAgent,
    requestTimeoutMs: options.requestTimeoutMs ?? JUMIO_DEFAULTS.requestTimeoutMs,
    sandbox: options.sandbox === true,
  };
}

function callbackSettings(
  options: JumioModuleOptions,
  background: (intervalMs: number) => number,
): CallbackSettings {
  const jumioCidrs = JUMIO_CALLBACK_IPS[options.dataCenter ?? JUMIO_DEFAULTS.dataCenter];
  const allowedCidrs =
    options.callbackAllowedIps && options.callbackAllowedIps.length > 0
      ? [...options.callbackAllowedIps]
      : // The sandbox posts from this machine; real Jumio never does.
        [...jumioCidrs, ...(options.sandbox === true ? LOOPBACK_CIDRS : [])];
  const inboxDefaultMs =
    options.instanceRole === 'worker'
      ? BACKGROUND_DEFAULTS.workerCallbackInboxIntervalMs
      : BACKGROUND_DEFAULTS.callbackInboxIntervalMs;
  return {
    baseUrl: options.callbackBaseUrl,
    allowedCidrs,
    trustedProxies: [...(options.trustedProxies ?? [])],
    maxBodyBytes: options.callbackMaxBodyBytes ?? CALLBACK_DEFAULTS.maxBodyBytes,
    bodyTimeoutMs: options.callbackBodyTimeoutMs ?? CALLBACK_DEFAULTS.bodyTimeoutMs,
    rateLimit: { ...(options.callbackRateLimit ?? CALLBACK_DEFAULTS.rateLimit) },
    acceptsJson: options.kyx !== undefined,
    inboxIntervalMs: background(options.callbackInboxIntervalMs ?? inboxDefaultMs),
    inboxConcurrency:
      options.callbackInboxConcurrency ?? BACKGROUND_DEFAULTS.callbackInboxConcurrency,
  };
}

function scanSettings(
  options: JumioModuleOptions,
  connection: ConnectionSettings,
  resilience: ResilienceSettings,
): ScanSettings {
  return {
    resolveUserId: options.resolveUserId ?? defaultResolveUserId,
    maxAttempts: options.maxAttempts ?? JUMIO_DEFAULTS.maxAttempts,
    webLinkLifetimeMs:
      (options.tokenLifetimeMinutes ?? JUMIO_DEFAULTS.tokenLifetimeMinutes) * MINUTE_MS,
    workflowId: options.workflowId ?? JUMIO_DEFAULTS.workflowId,
    startClaimLeaseMs:
      Math.min(connection.requestTimeoutMs, resilience.deadlineMs) + START_CLAIM_MARGIN_MS,
    userVisibleExtractedFields: [...(options.userVisibleExtractedFields ?? [])],
  };
}

/** `resilience.httpAttempts`, or its deprecated name `resilience.maxAttempts`. */
function resilienceSettings(options: JumioModuleOptions): ResilienceSettings {
  const { maxAttempts, httpAttempts, ...rest } = options.resilience ?? {};
  return {
    ...JUMIO_RESILIENCE_DEFAULTS,
    ...definedOnly(rest),
    httpAttempts: httpAttempts ?? maxAttempts ?? JUMIO_RESILIENCE_DEFAULTS.httpAttempts,
  };
}

function dataProtectionSettings(
  options: JumioModuleOptions,
  background: (intervalMs: number) => number,
): DataProtectionSettings {
  const retention = { ...RETENTION_DEFAULTS, ...definedOnly(options.retention ?? {}) };
  // Without keys validation let only the sandbox through: it runs on the public development key.
  const keyRing = options.encryptionKeys ?? sandboxDevKeyRing();
  return {
    // A copy: freezing must not touch the host's own object.
    keyRing: { currentKeyId: keyRing.currentKeyId, keys: { ...keyRing.keys } },
    isSandboxDevKey: options.encryptionKeys === undefined,
    personalDataRetentionMs: retention.personalDataDays * DAY_MS,
    rawCallbackRetentionMs: retention.rawCallbackHours * HOUR_MS,
    retentionJobIntervalMs: background(retention.jobIntervalSeconds * SECOND_MS),
    adminRoutesEnabled: options.enableAdminRoutes === true,
    adminGuard: options.adminGuard,
  };
}

function kyxSettings(
  options: JumioModuleOptions,
  connection: ConnectionSettings,
): KyxSettings | undefined {
  const kyx = options.kyx;
  if (!kyx) return undefined;
  return {
    clientId: kyx.clientId,
    clientSecret: kyx.clientSecret,
    hosts: resolveKyxHosts(connection.dataCenter, kyx),
    poiWorkflowKey: kyx.poiWorkflowKey ?? KYX_DEFAULTS.poiWorkflowKey,
    poaWorkflowKey: kyx.poaWorkflowKey ?? KYX_DEFAULTS.poaWorkflowKey,
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The host's own objects, left as given (freezing would change them for the host too). */
const HOST_OWNED = new Set(['adminGuard']);

/** Freezes the plain objects and arrays built here; functions and class instances stay as they are. */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    value.forEach(deepFreeze);
    return Object.freeze(value);
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    for (const [key, entry] of Object.entries(value)) if (!HOST_OWNED.has(key)) deepFreeze(entry);
    return Object.freeze(value);
  }
  return value;
}
