import type { Request } from 'express';

export type JumioDataCenter = 'US' | 'EU' | 'SG';

/** Options of `JumioModule.forRoot()` / `forRootAsync()`. */
export interface JumioModuleOptions {
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
  /** Public base URL under which Jumio reaches this service's callback route (no trailing slash). */
  callbackBaseUrl: string;
  /** CIDRs allowed to post callbacks. Default: Jumio's published list for the data centre. */
  callbackAllowedIps?: string[];
  /** Reads the current user's id from the request. Default `request.user.id`. Return undefined for 401. */
  resolveUserId?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Verification attempts per user and type before a retryable result becomes REJECTED. Default 3. */
  maxAttempts?: number;
  /** Lifetime of Jumio's web token (redirectUrl) in minutes. Default 30. */
  tokenLifetimeMinutes?: number;
  /** Timeout of one HTTP call to Jumio, in milliseconds. Default 10000. */
  requestTimeoutMs?: number;
  /** Jumio Netverify workflow id for web POI (200 = ID + selfie, camera and upload). Default 200. */
  workflowId?: number;
  /** Credentials handed to the mobile SDK 3.x, if the bank chooses to ship them. Never logged. */
  mobileSdkCredentials?: { apiToken: string; apiSecret: string };
  /** Set to true only when pointing at the local Jumio sandbox (allows http callback URLs). */
  sandbox?: boolean;
}

export const JUMIO_DEFAULTS = {
  dataCenter: 'US' as JumioDataCenter,
  maxAttempts: 3,
  tokenLifetimeMinutes: 30,
  requestTimeoutMs: 10_000,
  workflowId: 200,
};
