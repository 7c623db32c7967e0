import type { FactoryProvider } from '@nestjs/common';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { OutboxWriter } from './outbox.writer';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { BackgroundDatabase } from '../persistence/background-data-source';
import { JumioDatabase } from '../persistence/database-engine';
import { ScanTransactionRepository } from '../persistence/scan-transaction.repository';
import { VerificationResultRepository } from '../persistence/verification-result.repository';
import { ProofOfAddressReviewer } from './proof-of-address.reviewer';
import { ResultApplier } from './result-applier';
import { ScanTransactionStore } from './scan-transaction.store';

/**
 * Applying results and expiring transactions from background work: the same applier and store as the
 * routes, writing through the background DataSource (its own pool on PostgreSQL, see
 * BackgroundDatabase). When background work shares the host's DataSource, they are the routes' own.
 */
export class BackgroundResults {
  constructor(
    readonly applier: ResultApplier,
    readonly store: ScanTransactionStore,
  ) {}
}

export const BACKGROUND_RESULTS_PROVIDER: FactoryProvider<BackgroundResults> = {
  provide: BackgroundResults,
  inject: [
    BackgroundDatabase,
    JumioDatabase,
    JUMIO_SETTINGS,
    ResultApplier,
    ScanTransactionStore,
    PersonalDataCipher,
    OutboxWriter,
    { token: ProofOfAddressReviewer, optional: true },
  ],
  useFactory: (
    background: BackgroundDatabase,
    host: JumioDatabase,
    settings: JumioSettings,
    applier: ResultApplier,
    store: ScanTransactionStore,
    personalData: PersonalDataCipher,
    outbox: OutboxWriter,
    poaReviewer?: ProofOfAddressReviewer,
  ) => {
    if (background.dataSource === host.dataSource) return new BackgroundResults(applier, store);
    const pool = background.dataSource;
    const backgroundStore = new ScanTransactionStore(
      new JumioDatabase(pool),
      new ScanTransactionRepository(pool),
      new VerificationResultRepository(pool),
      personalData,
      outbox,
    );
    return new BackgroundResults(
      new ResultApplier(settings, backgroundStore, poaReviewer),
      backgroundStore,
    );
  },
};
