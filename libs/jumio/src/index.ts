// The package's public surface (`@jumio-service/nestjs`): what a host needs to import, configure and
// listen to the module. Nothing here lets a host write a Jumio result. Operations (health, metrics, rate
// limits) are on their own entry point, `./ops` (`@jumio-service/nestjs/ops`).
export { JumioModule } from './jumio.module';
export { JumioOptionsError } from './options/jumio-options.error';
export type { JumioModuleExtras } from './jumio.module-definition';
export type {
  JumioDataCenter,
  JumioModuleOptions,
  JumioRequest,
  JumioRetentionOptions,
} from './options/jumio.options';
export type { JumioResilienceOptions } from './options/jumio-resilience.options';
export type { JumioPacingOptions } from './options/jumio-pacing.options';
export type { JumioPlatformName } from './options/jumio-platform-name';
export type { JumioKyxOptions } from './options/kyx.options';
export type { ProofOfAddressRules } from './options/proof-of-address-rules';
export { JUMIO_ENTITIES } from './persistence/jumio.entities';
export { JUMIO_MIGRATIONS } from './persistence/migrations/jumio-migrations';
export { parseEncryptionKeys } from './data-protection/encryption-keys';
export type { EncryptionKeyRing } from './options/encryption-key-ring';
// Results reach the host as events and as the onboarding step's state.
export {
  ScanTransactionEvents,
  type ScanTransactionEventHandler,
} from './events/scan-transaction-events';
export {
  eventEmitterName,
  type OnboardingStepCode,
  type ScanTransactionEvent,
  type ScanTransactionEventType,
} from './transaction/scan-transaction-event';
export {
  OnboardingStepService,
  type OnboardingStepState,
  type OnboardingStepStatus,
} from './results/onboarding-step.service';
export {
  ScanTransactionStatusResponse,
  VerificationResponse,
} from './results/scan-transaction-status.response';
export type { VerificationDecision } from './persistence/verification.types';
export type { ExtractedData } from './options/extracted-data';
// Data protection a host drives: erasure of a user, a log wrapper that keeps personal data out of logs.
export { ErasureService, type ErasureStatus } from './data-protection/erasure.service';
export { RedactingLogger } from './data-protection/redacting.logger';
export { JumioError, JumioErrorCode } from './common/jumio.error';
// Decision table and the manual review queue (docs/decisions.md).
export { DEFAULT_DECISION_POLICY } from './transaction/decision-policy';
export type { DecisionPolicy, DecisionPolicyOptions } from './options/decision-policy.options';
export { ReviewQueue, MANUAL_REVIEW_REASON } from './review/review-queue.service';
export type { ReviewDecision, ReviewState } from './persistence/manual-review.entity';
export type { ReviewItem, ReviewList } from './review/review.dto';
