import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JUMIO_SETTINGS, type JumioSettings } from '../../options/jumio-settings';
import { JumioMetrics } from '../jumio-metrics';
import type { ScanTransaction } from '../../persistence/scan-transaction.entity';
import type { JumioProduct, JumioResult } from '../../persistence/verification.types';
import type { StartedScan } from '../jumio-platform';
import { KyxAccount } from '../../persistence/kyx-account.entity';
import { KyxJumioPlatform } from './kyx-jumio.platform';
import { KyxScan } from '../../persistence/kyx-scan.entity';
import { KyxClient } from './kyx.client';

/** What a start needs besides the draft transaction. */
export interface KyxStartSettings {
  callbackUrl: string;
  tokenLifetimeMinutes: number;
}

/**
 * The module's KYX side: starts new transactions on KYX when `platform: 'kyx'`, remembers the user's
 * account and which transactions run on KYX, and retrieves and deletes those (also after a switch back to
 * legacy, as long as `kyx` is configured). Without `kyx` options it does nothing and legacy runs as before.
 */
@Injectable()
export class KyxScans {
  private readonly platform: KyxJumioPlatform | null;
  readonly startsOnKyx: boolean;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly dataSource: DataSource,
    @Optional() metrics?: JumioMetrics,
  ) {
    this.startsOnKyx = settings.connection.platform === 'kyx';
    const kyx = settings.kyx;
    this.platform = kyx
      ? new KyxJumioPlatform(
          new KyxClient({
            clientId: kyx.clientId,
            clientSecret: kyx.clientSecret,
            userAgent: settings.connection.userAgent,
            hosts: kyx.hosts,
            requestTimeoutMs: settings.connection.requestTimeoutMs,
            resilience: settings.resilience,
            metrics,
          }),
          { poiWorkflowKey: kyx.poiWorkflowKey, poaWorkflowKey: kyx.poaWorkflowKey },
        )
      : null;
  }

  /** Web start on KYX: the user's account (created or reused) and a workflow execution with web.href. */
  async startWeb(
    tx: ScanTransaction,
    urls: { successUrl: string; errorUrl: string },
    settings: KyxStartSettings,
  ): Promise<{ jumioReference: string; redirectUrl: string }> {
    const started = await this.requirePlatform().startWeb({
      ...(await this.startOf(tx, settings)),
      ...urls,
    });
    await this.remember(tx, started);
    return { jumioReference: started.jumioReference!, redirectUrl: started.redirectUrl ?? '' };
  }

  /** Mobile start on KYX: the workflow execution exists before the app starts; the SDK gets its token. */
  async startMobile(tx: ScanTransaction, settings: KyxStartSettings): Promise<StartedScan> {
    const started = await this.requirePlatform().startMobile(await this.startOf(tx, settings));
    await this.remember(tx, started);
    return started;
  }

  /** The KYX result of a scan, or null when the scan runs on legacy. */
  async retrieve(product: JumioProduct, jumioReference: string): Promise<JumioResult | null> {
    const scan = await this.scanOf(jumioReference);
    if (!scan) return null;
    return this.requirePlatform().retrieve(product, { jumioReference, accountId: scan.accountId });
  }

  /** Deletes the scan's whole Jumio account; false when the scan runs on legacy. */
  async delete(product: JumioProduct, jumioReference: string): Promise<boolean> {
    const scan = await this.scanOf(jumioReference);
    if (!scan) return false;
    await this.requirePlatform().delete(product, { jumioReference, accountId: scan.accountId });
    return true;
  }

  private async scanOf(jumioReference: string): Promise<KyxScan | null> {
    if (!this.platform) return null;
    return this.dataSource
      .getRepository(KyxScan)
      .findOneBy({ workflowExecutionId: jumioReference });
  }

  private async startOf(tx: ScanTransaction, settings: KyxStartSettings) {
    const account = await this.dataSource
      .getRepository(KyxAccount)
      .findOneBy({ userId: tx.userId });
    return {
      type: tx.type,
      customerInternalReference: tx.customerInternalReference,
      userReference: tx.userReference,
      callbackUrl: settings.callbackUrl,
      tokenLifetimeMinutes: settings.tokenLifetimeMinutes,
      accountId: account?.accountId ?? null,
      locale: tx.locale,
      documentType: tx.documentType,
      country: tx.country,
    };
  }

  /** The user's account (new or replaced) and the transaction's platform, before the transaction is stored. */
  private async remember(tx: ScanTransaction, started: StartedScan): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(KyxAccount).save({
        userId: tx.userId,
        accountId: started.accountId!,
        createdAt: now,
        updatedAt: now,
      });
      await manager.getRepository(KyxScan).insert({
        scanTransactionId: tx.id,
        workflowExecutionId: started.jumioReference!,
        accountId: started.accountId!,
        createdAt: now,
      });
    });
  }

  private requirePlatform(): KyxJumioPlatform {
    if (!this.platform)
      throw new Error('JumioModule: this transaction runs on KYX, but no kyx options are set');
    return this.platform;
  }
}
