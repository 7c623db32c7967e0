import { Module } from '@nestjs/common';
import { CallbackInboxService } from './callback/callback-inbox.service';
import { CallbackSourceGuard } from './callback/callback-source.guard';
import { CallbackSourceMiddlewareInstaller } from './callback/callback-source.middleware';
import { CallbackUrlBuilder } from './start/callback-url.builder';
import { JumioCallbackController } from './callback/jumio-callback.controller';
import { JumioCallbackService } from './callback/jumio-callback.service';
import { JumioClient } from './jumio/jumio.client';
import { OnboardingStepService } from './results/onboarding-step.service';
import { OutboxRelay } from './events/outbox-relay.service';
import { OutboxWriter } from './results/outbox.writer';
import { ScanTransactionEvents } from './events/scan-transaction-events';
import { JumioSchemaCheck } from './persistence/jumio-schema.check';
import { PERSISTENCE_PROVIDERS } from './persistence/persistence.providers';
import { JumioUserGuard } from './common/jumio-user.guard';
import { JumioUserIdResolver } from './common/user-id.resolver';
import { DATA_PROTECTION_PROVIDERS } from './data-protection/data-protection.providers';
import { ErasureService } from './data-protection/erasure.service';
import { JumioAdminController } from './data-protection/jumio-admin.controller';
import { RetentionService } from './data-protection/retention.service';
import { JumioFastifyCompatModule } from './ops/jumio-fastify-compat.module';
import { JumioHttpHardeningInstaller } from './ops/jumio-http-hardening';
import { JumioConfigurableModule } from './jumio.module-definition';
import { BACKGROUND_RESULTS_PROVIDER } from './results/background-results';
import { JumioJobScheduler } from './jobs/job-scheduler';
import { JumioBackgroundJobs } from './jumio-module.jobs';
import { BACKGROUND_DATABASE_PROVIDER } from './persistence/background-data-source';
import { JumioObservabilityModule } from './ops/jumio-observability.module';
import { TransactionStateGauge } from './ops/transaction-state.gauge';
import { JumioPlatforms } from './jumio/jumio-platforms';
import { PoaController } from './start/poa.controller';
import { PoiController } from './start/poi.controller';
import { ProofOfAddressReviewer } from './results/proof-of-address.reviewer';
import { CallbackConfirmation } from './callback/callback-confirmation.service';
import { JumioResultRetriever } from './jumio/jumio-result.retriever';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { ScanTransactionService } from './start/scan-transaction.service';
import { ResultApplier } from './results/result-applier';
import { ScanTransactionStore } from './results/scan-transaction.store';
import { StartClaims } from './start/start-claims';
import { JumioReviewController } from './review/jumio-review.controller';
import { ReviewQueue } from './review/review-queue.service';
import { ReviewerResolver } from './review/reviewer.resolver';

/**
 * Jumio proof of identity and proof of address for a host app: `JumioModule.forRoot(options)` or
 * `forRootAsync(...)`. The host owns the TypeORM DataSource and passes it JUMIO_ENTITIES and
 * JUMIO_MIGRATIONS (with `migrationsRun: true`).
 */
@Module({
  // TypeOrmModule.forFeature comes with forRoot / forRootAsync: it depends on the `dataSource` option.
  imports: [JumioObservabilityModule, JumioFastifyCompatModule],
  controllers: [
    PoiController,
    PoaController,
    JumioCallbackController,
    JumioAdminController,
    JumioReviewController,
  ],
  providers: [
    JumioJobScheduler,
    BACKGROUND_DATABASE_PROVIDER,
    BACKGROUND_RESULTS_PROVIDER,
    JumioSchemaCheck,
    ...PERSISTENCE_PROVIDERS,
    JumioClient,
    JumioUserIdResolver,
    JumioUserGuard,
    ScanTransactionStore,
    StartClaims,
    ScanTransactionService,
    ResultApplier,
    CallbackInboxService,
    JumioCallbackService,
    CallbackUrlBuilder,
    CallbackSourceGuard,
    CallbackSourceMiddlewareInstaller,
    JumioHttpHardeningInstaller,
    JumioResultRetriever,
    CallbackConfirmation,
    JumioBackgroundJobs,
    ReconciliationService,
    ProofOfAddressReviewer,
    OutboxWriter,
    ScanTransactionEvents,
    OutboxRelay,
    OnboardingStepService,
    ReviewQueue,
    ReviewerResolver,
    // Here, not in JumioObservabilityModule: it reads the DataSource JumioModule was given (`dataSource`).
    TransactionStateGauge,
    JumioPlatforms,
    ...DATA_PROTECTION_PROVIDERS,
  ],
  exports: [
    ScanTransactionService,
    ScanTransactionEvents,
    OnboardingStepService,
    ReconciliationService,
    OutboxRelay,
    ErasureService,
    RetentionService,
    ReviewQueue,
  ],
})
export class JumioModule extends JumioConfigurableModule {}
