import type { ScanType } from '../persistence/scan-transaction.types';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';
import type { JumioPlatformName } from '../options/jumio-platform-name';

export const JUMIO_PLATFORMS: readonly JumioPlatformName[] = ['legacy', 'kyx'];

/** What every start hands to the platform: opaque references only, never personal data. */
export interface PlatformStart {
  type: ScanType;
  customerInternalReference: string;
  userReference: string;
  /** This transaction's callback URL (per-transaction token in the path). */
  callbackUrl: string;
  /** Lifetime of the web link / token; each platform's request builder converts it to Jumio's unit. */
  tokenLifetimeMs: number;
  /** KYX: the user's Jumio account from an earlier workflow, if any (one account per user). */
  accountId: string | null;
  locale: string | null;
  /** POA: the document type; POI: an optional ID type preset. */
  documentType: string | null;
  country: string | null;
}

export interface PlatformWebStart extends PlatformStart {
  successUrl: string;
  errorUrl: string;
}

/** What a start produced at Jumio. */
export interface StartedScan {
  /** Legacy transaction / scan reference, KYX workflow execution id; null for a legacy mobile start. */
  jumioReference: string | null;
  /** Web: Jumio's hosted page (legacy redirectUrl / clientRedirectUrl, KYX web.href). */
  redirectUrl: string | null;
  /** KYX: the user's account (new or reused). */
  accountId: string | null;
  /** KYX mobile: the SDK 4.x token (short-lived, for this workflow only; not a credential). */
  sdkToken: string | null;
}

/** How the module finds a scan at Jumio again. */
export interface ScanReferences {
  jumioReference: string;
  /** KYX: the account the workflow execution belongs to. */
  accountId: string | null;
}

/** What a callback claims (a notification only: the result always comes from retrieval). */
export interface PlatformCallback {
  /** Known from the callback itself where the platform says it. */
  product: JumioProduct | null;
  jumioReference: string;
  accountId: string | null;
}

/**
 * What differs between Jumio's platforms. Everything else (routes, status JSON, events, reconciliation,
 * inbox, decisions and review, POA rules, encryption, erasure, audit) is one code path around this.
 */
export interface JumioPlatform {
  readonly name: JumioPlatformName;
  startWeb(start: PlatformWebStart): Promise<StartedScan>;
  /** Legacy SDK 3.x creates its scan itself (no call here); KYX creates the workflow for SDK 4.x. */
  startMobile(start: PlatformStart): Promise<StartedScan>;
  /**
   * The reference the app reports after the SDK finished, checked against what the start knew.
   * @returns the reference to link. @throws JumioError INVALID_STATE when it cannot be this transaction's.
   */
  linkMobileResult(reported: string, known: { jumioReference: string | null }): string;
  /** @throws CallbackParseError naming the missing or malformed field. */
  readCallback(body: Record<string, unknown>): PlatformCallback;
  /** Jumio's current result, read with the service's own credentials. @throws JumioError. */
  retrieve(product: JumioProduct, references: ScanReferences): Promise<JumioResult>;
  /** Deletes the scan (legacy) or the user's whole account (KYX) at Jumio. @throws JumioError. */
  delete(product: JumioProduct, references: ScanReferences): Promise<void>;
}
