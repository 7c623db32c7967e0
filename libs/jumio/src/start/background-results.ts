import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackUrlBuilder } from '../start/callback-url.builder';
import { PersonalDataCipher } from '../data-protection/personal-data.cipher';
import { OutboxWriter } from '../events/outbox.writer';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../jobs/background-database';
import { JumioPlatforms } from '../jumio/jumio-platforms';
import { ProofOfAddressReviewer } from '../results/proof-of-address.reviewer';
import { ScanTransactionService } from '../start/scan-transaction.service';
import { ScanTransactionStore } from '../results/scan-transaction.store';
import { StartClaims } from '../start/start-claims';

/**
 * Applying results and expiring transactions from background work: the same service and store as the
 * routes, writing through the background DataSource (its own pool on PostgreSQL, see
 * BackgroundDatabase). When background work shares the host's DataSource, they are the routes' own.
 */
export class BackgroundResults {
  constructor(
    readonly scans: ScanTransactionService,
    readonly store: ScanTransactionStore,
  ) {}
}

export const BACKGROUND_RESULTS_PROVIDER: FactoryProvider<BackgroundResults> = {
  provide: BackgroundResults,
  inject: [
    BackgroundDatabase,
    DataSource,
    JUMIO_SETTINGS,
    ScanTransactionService,
    ScanTransactionStore,
    PersonalDataCipher,
    OutboxWriter,
    JumioPlatforms,
    StartClaims,
    CallbackUrlBuilder,
    { token: ProofOfAddressReviewer, optional: true },
  ],
  useFactory: (
    background: BackgroundDatabase,
    host: DataSource,
    settings: JumioSettings,
    scans: ScanTransactionService,
    store: ScanTransactionStore,
    personalData: PersonalDataCipher,
    outbox: OutboxWriter,
    platforms: JumioPlatforms,
    startClaims: StartClaims,
    callbackUrls: CallbackUrlBuilder,
    poaReviewer?: ProofOfAddressReviewer,
  ) => {
    if (background.dataSource === host) return new BackgroundResults(scans, store);
    const backgroundStore = new ScanTransactionStore(background.dataSource, personalData, outbox);
    return new BackgroundResults(
      new ScanTransactionService(
        settings,
        backgroundStore,
        platforms,
        startClaims,
        callbackUrls,
        poaReviewer,
      ),
      backgroundStore,
    );
  },
};
