import { parseEncryptionKeys, type JumioModuleOptions } from '@app/jumio';
import { parseRetrievalSchedule } from '@app/jumio/reconciliation/retrieval-schedule';
import { DemoAdminGuard } from '../demo-admin.guard';
import type { AppConfig } from './app.config';
import type { JumioConfig } from './jumio.config';

/** Credentials the in-process sandbox accepts; they open nothing anywhere else. */
export const SANDBOX_CREDENTIALS = { apiToken: 'sandbox-token', apiSecret: 'sandbox-secret' };
/**
 * The in-process sandbox's separate Retrieval / Delete pair: the demo uses least privilege as a bank
 * should (the sandbox then refuses the starting pair on retrieval and delete).
 */
export const SANDBOX_RETRIEVAL_CREDENTIALS = {
  retrievalApiToken: 'sandbox-retrieval-token',
  retrievalApiSecret: 'sandbox-retrieval-secret',
};

/** The sandbox's KYX OAuth2 client. */
export const SANDBOX_KYX_CLIENT = {
  clientId: 'sandbox-kyx-client',
  clientSecret: 'sandbox-kyx-secret',
};

/** Maps the validated environment to JumioModule's options; `sandboxUrl` replaces every Jumio host. */
export function jumioModuleOptions(
  jumio: JumioConfig,
  app: AppConfig,
  sandboxUrl?: string,
): JumioModuleOptions {
  return {
    ...(sandboxUrl
      ? { ...SANDBOX_CREDENTIALS, ...SANDBOX_RETRIEVAL_CREDENTIALS }
      : {
          // On KYX alone the legacy pair may be absent: only legacy transactions still in flight use it.
          apiToken: jumio.JUMIO_API_TOKEN ?? '',
          apiSecret: jumio.JUMIO_API_SECRET ?? '',
          retrievalApiToken: jumio.JUMIO_RETRIEVAL_API_TOKEN,
          retrievalApiSecret: jumio.JUMIO_RETRIEVAL_API_SECRET,
        }),
    platform: jumio.JUMIO_PLATFORM,
    kyx: kyxOptions(jumio, sandboxUrl),
    dataCenter: jumio.JUMIO_DATACENTER,
    netverifyUrl: sandboxUrl ?? jumio.JUMIO_NETVERIFY_URL,
    uploadUrl: sandboxUrl ?? jumio.JUMIO_UPLOAD_URL,
    retrievalUrl: sandboxUrl ?? jumio.JUMIO_RETRIEVAL_URL,
    userAgent: jumio.JUMIO_USER_AGENT,
    callbackBaseUrl: jumio.JUMIO_CALLBACK_BASE_URL ?? `http://127.0.0.1:${app.PORT}`,
    callbackAllowedIps: jumio.JUMIO_CALLBACK_ALLOWED_IPS,
    trustedProxies: jumio.JUMIO_TRUSTED_PROXIES,
    callbackMaxBodyBytes: jumio.JUMIO_CALLBACK_MAX_BODY_BYTES,
    ...(jumio.JUMIO_CALLBACK_RATE_LIMIT && {
      callbackRateLimit: {
        perSecond: jumio.JUMIO_CALLBACK_RATE_LIMIT,
        burst: 2 * jumio.JUMIO_CALLBACK_RATE_LIMIT,
      },
    }),
    retrievalScheduleSeconds: jumio.JUMIO_RETRIEVAL_SCHEDULE_S
      ? parseRetrievalSchedule(jumio.JUMIO_RETRIEVAL_SCHEDULE_S)
      : undefined,
    reconciliationIntervalMs: jumio.JUMIO_RECONCILIATION_INTERVAL_MS,
    // Jumio's documented limits unless configured, in the sandbox too: the demo paces as production does.
    pacing: {
      startsPerWindow: jumio.JUMIO_PACING_STARTS,
      retrievalsPerWindow: jumio.JUMIO_PACING_RETRIEVALS,
      maxQueueWaitMs: jumio.JUMIO_PACING_MAX_WAIT_MS,
    },
    instanceRole: jumio.JUMIO_INSTANCE_ROLE,
    callbackInboxConcurrency: jumio.JUMIO_CALLBACK_INBOX_CONCURRENCY,
    backgroundPoolSize: jumio.JUMIO_BACKGROUND_POOL_SIZE,
    poaRules: {
      ...(jumio.JUMIO_POA_DOCUMENT_TYPES && {
        acceptedDocumentTypes: jumio.JUMIO_POA_DOCUMENT_TYPES,
      }),
      ...(jumio.JUMIO_POA_MAX_AGE_DAYS && { maxDocumentAgeDays: jumio.JUMIO_POA_MAX_AGE_DAYS }),
    },
    encryptionKeys: jumio.JUMIO_ENCRYPTION_KEYS
      ? parseEncryptionKeys(jumio.JUMIO_ENCRYPTION_KEYS, jumio.JUMIO_ENCRYPTION_KEY_ID)
      : undefined,
    // The demo shows users what Jumio read of their own documents; never the number or birth date.
    userVisibleExtractedFields: [
      'firstName',
      'lastName',
      'fullName',
      'documentType',
      'issuingCountry',
      'expiryDate',
      'address',
    ],
    // The back office (erasure, manual review queue) for dev users named reviewer-…; see demo-admin.guard.ts.
    enableAdminRoutes: true,
    adminGuard: DemoAdminGuard,
    sandbox: Boolean(sandboxUrl),
  };
}

/** KYX options when KYX is chosen or configured (so KYX transactions in flight finish after a switch back). */
function kyxOptions(jumio: JumioConfig, sandboxUrl?: string): JumioModuleOptions['kyx'] {
  const keys = {
    poiWorkflowKey: jumio.JUMIO_KYX_POI_WORKFLOW_KEY,
    poaWorkflowKey: jumio.JUMIO_KYX_POA_WORKFLOW_KEY,
  };
  if (sandboxUrl) {
    return {
      ...SANDBOX_KYX_CLIENT,
      authUrl: sandboxUrl,
      accountUrl: sandboxUrl,
      retrievalUrl: sandboxUrl,
      ...keys,
    };
  }
  if (!jumio.JUMIO_KYX_CLIENT_ID || !jumio.JUMIO_KYX_CLIENT_SECRET) return undefined;
  return {
    clientId: jumio.JUMIO_KYX_CLIENT_ID,
    clientSecret: jumio.JUMIO_KYX_CLIENT_SECRET,
    authUrl: jumio.JUMIO_KYX_AUTH_URL,
    accountUrl: jumio.JUMIO_KYX_ACCOUNT_URL,
    retrievalUrl: jumio.JUMIO_KYX_RETRIEVAL_URL,
    ...keys,
  };
}
