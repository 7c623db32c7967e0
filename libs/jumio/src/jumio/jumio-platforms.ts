import { Inject, Injectable, Optional } from '@nestjs/common';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { JumioDatabase } from '../persistence/database-engine';
import { KyxAccountRepository } from '../persistence/kyx-account.repository';
import { KyxScanRepository } from '../persistence/kyx-scan.repository';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';
import type { JumioPlatform, PlatformStart, StartedScan } from './jumio-platform';
import { JumioMetrics } from './jumio-metrics';
import { JumioClient } from './jumio.client';
import { KyxJumioPlatform } from './kyx/kyx-jumio.platform';
import { KyxClient } from './kyx/kyx.client';
import { LegacyJumioPlatform } from './legacy/legacy-jumio.platform';

/** What a start needs besides the draft transaction. */
export interface PlatformStartSettings {
  callbackUrl: string;
  /** Lifetime of Jumio's web link (`JumioSettings.scans.webLinkLifetimeMs`). */
  tokenLifetimeMs: number;
}

/** A scan and the platform it runs on. */
interface PlatformOfScan {
  platform: JumioPlatform;
  accountId: string | null;
}

/**
 * The module's one way to Jumio: new transactions start on the configured platform (`platform`), and
 * every transaction stays on the platform it started on. A transaction with a `jumio_kyx_scan` row runs
 * on KYX (with the user's account); any other on legacy, so legacy transactions in flight still finish
 * on legacy after a bank switches. KYX needs the `kyx` options; without them only legacy runs.
 */
@Injectable()
export class JumioPlatforms {
  private readonly legacy: LegacyJumioPlatform;
  private readonly kyx: KyxJumioPlatform | null;
  private readonly forNewStarts: JumioPlatform;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    jumio: JumioClient,
    private readonly database: JumioDatabase,
    private readonly accounts: KyxAccountRepository,
    private readonly scans: KyxScanRepository,
    @Optional() metrics?: JumioMetrics,
  ) {
    const kyx = settings.kyx;
    this.legacy = new LegacyJumioPlatform(jumio, settings.scans.workflowId);
    this.kyx = kyx
      ? new KyxJumioPlatform(
          new KyxClient({
            clientId: kyx.clientId,
            clientSecret: kyx.clientSecret,
            userAgent: settings.connection.userAgent,
            hosts: kyx.hosts,
            requestTimeoutMs: settings.connection.requestTimeoutMs,
            resilience: settings.resilience,
            pacing: settings.pacing,
            metrics,
          }),
          { poiWorkflowKey: kyx.poiWorkflowKey, poaWorkflowKey: kyx.poaWorkflowKey },
        )
      : null;
    if (settings.connection.platform === 'kyx' && !this.kyx) {
      throw new Error("JumioModule: platform 'kyx' needs the kyx options (clientId, clientSecret)");
    }
    this.forNewStarts = settings.connection.platform === 'kyx' ? this.kyx! : this.legacy;
  }

  /** Web start on the configured platform: Jumio's reference and hosted page for the new transaction. */
  async startWeb(
    tx: ScanTransaction,
    urls: { successUrl: string; errorUrl: string },
    settings: PlatformStartSettings,
  ): Promise<{ jumioReference: string; redirectUrl: string }> {
    const started = await this.forNewStarts.startWeb({
      ...(await this.startOf(tx, settings)),
      // Only the URLs: the request's other fields (its raw locale) are the transaction's, normalised.
      successUrl: urls.successUrl,
      errorUrl: urls.errorUrl,
    });
    await this.remember(tx, started);
    return { jumioReference: started.jumioReference!, redirectUrl: started.redirectUrl ?? '' };
  }

  /**
   * Mobile start on the configured platform. Legacy (SDK 3.x) creates its scan itself: nothing happens at
   * Jumio and every field is null. KYX creates the workflow execution for SDK 4.x and its SDK token.
   */
  async startMobile(tx: ScanTransaction, settings: PlatformStartSettings): Promise<StartedScan> {
    const started = await this.forNewStarts.startMobile(await this.startOf(tx, settings));
    await this.remember(tx, started);
    return started;
  }

  /** Whether a mobile start calls Jumio (and is billed), so that it must hold the step's start claim. */
  get mobileStartCallsJumio(): boolean {
    return this.forNewStarts.name === 'kyx';
  }

  /** The reference the app reported, checked by the platform of the transaction. @throws JumioError. */
  async linkMobileResult(tx: ScanTransaction, reported: string): Promise<string> {
    const { platform } = await this.ofTransaction(tx.id);
    return platform.linkMobileResult(reported, { jumioReference: tx.jumioReference });
  }

  /** Jumio's current result of a scan, from the platform it runs on. @throws JumioError. */
  async retrieve(product: JumioProduct, jumioReference: string): Promise<JumioResult> {
    const { platform, accountId } = await this.ofScan(jumioReference);
    return platform.retrieve(product, { jumioReference, accountId });
  }

  /** Deletes the scan at Jumio (KYX: the user's whole account). @throws JumioError. */
  async delete(product: JumioProduct, jumioReference: string): Promise<void> {
    const { platform, accountId } = await this.ofScan(jumioReference);
    await platform.delete(product, { jumioReference, accountId });
  }

  /**
   * Erasure: the user's KYX account link is forgotten at once, so a start while Jumio's DELETE is still
   * being retried opens a new account instead of adding a workflow to the one being deleted. The scans
   * keep their account (opaque ids, no personal data): the retried DELETE and the kept record's platform
   * need it.
   */
  async forgetAccount(userId: string): Promise<void> {
    await this.accounts.forget(userId);
  }

  private async ofScan(jumioReference: string): Promise<PlatformOfScan> {
    if (!this.kyx) return { platform: this.legacy, accountId: null };
    const kyxScan = await this.scans.accountOf(jumioReference);
    return kyxScan
      ? { platform: this.kyx, accountId: kyxScan.accountId }
      : { platform: this.legacy, accountId: null };
  }

  /** Without `kyx` options every transaction is read as legacy, without a query (as before KYX). */
  private async ofTransaction(scanTransactionId: string): Promise<PlatformOfScan> {
    const legacy = { platform: this.legacy, accountId: null };
    if (!this.kyx) return legacy;
    const kyxScan = await this.scans.find({ scanTransactionId });
    return kyxScan ? { platform: this.kyx, accountId: kyxScan.accountId } : legacy;
  }

  private async startOf(
    tx: ScanTransaction,
    settings: PlatformStartSettings,
  ): Promise<PlatformStart> {
    const accountId =
      this.forNewStarts === this.kyx ? await this.accounts.accountIdOf(tx.userId) : null;
    return {
      type: tx.type,
      customerInternalReference: tx.customerInternalReference,
      userReference: tx.userReference,
      callbackUrl: settings.callbackUrl,
      tokenLifetimeMs: settings.tokenLifetimeMs,
      accountId,
      locale: tx.locale,
      documentType: tx.documentType,
      country: tx.country,
    };
  }

  /** KYX: the user's account (new or replaced) and the transaction's platform, before it is stored. */
  private async remember(tx: ScanTransaction, started: StartedScan): Promise<void> {
    if (this.forNewStarts.name !== 'kyx') return;
    const now = new Date();
    await this.database.transaction(async (session) => {
      await this.accounts.save(session, tx.userId, started.accountId!, now);
      await this.scans.insert(session, {
        scanTransactionId: tx.id,
        workflowExecutionId: started.jumioReference!,
        accountId: started.accountId!,
        createdAt: now,
      });
    });
  }
}
