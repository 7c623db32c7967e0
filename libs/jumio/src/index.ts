// The package's public surface (`@jumio-service/nestjs`): what a host needs to import, configure and
// listen to the module. Nothing here lets a host write a Jumio result. Operations (health, metrics, rate
// limits) are on their own entry point, `./ops` (`@jumio-service/nestjs/ops`).
export { JumioModule } from './jumio.module';
export { JumioOptionsError } from './options/validate-jumio-options';
export type { JumioModuleExtras } from './jumio.module-definition';
export type {
  JumioDataCenter,
  JumioModuleOptions,
  JumioRequest,
  JumioRetentionOptions,
} from './jumio.options';
export type { JumioResilienceOptions } from './resilience/jumio-resilience.options';
export type { JumioPacingOptions } from './resilience/jumio-pacing.options';
export type { JumioPlatformName } from './platform/jumio-platform';
export type { JumioKyxOptions } from './platform/kyx/kyx.options';
export type { ProofOfAddressRules } from './poa-rules/proof-of-address.rules';
export { JUMIO_ENTITIES } from './jumio.entities';
export { JUMIO_MIGRATIONS } from './migrations/jumio-migrations';
export { parseEncryptionKeys } from './data-protection/encryption-keys';
export type { EncryptionKeyRing } from './data-protection/field-cipher';
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
} from './events/scan-transaction-event';
export {
  OnboardingStepService,
  type OnboardingStepState,
  type OnboardingStepStatus,
} from './events/onboarding-step.service';
export {
  ScanTransactionStatusResponse,
  VerificationResponse,
} from './scan-transaction/dto/scan-transaction-status.response';
export type { ExtractedData, VerificationDecision } from './scan-transaction/verification.types';
// Data protection a host drives: erasure of a user, a log wrapper that keeps personal data out of logs.
export { ErasureService, type ErasureStatus } from './data-protection/erasure.service';
export { RedactingLogger } from './data-protection/redacting.logger';
export { JumioError, JumioErrorCode } from './errors/jumio.error';
// Decision table and the manual review queue (docs/decisions.md).
export {
  DEFAULT_DECISION_POLICY,
  type DecisionPolicy,
  type DecisionPolicyOptions,
} from './scan-transaction/decision-policy';
export { ReviewQueue, MANUAL_REVIEW_REASON } from './review/review-queue.service';
export type { ReviewDecision, ReviewState } from './review/manual-review.entity';
export type { ReviewItem, ReviewList } from './review/review.dto';
