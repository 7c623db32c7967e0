// The library's public surface. Nothing else under libs/jumio/src is meant to be imported by hosts.
export { JumioModule } from './jumio.module';
export { JumioOptionsError } from './options/validate-jumio-options';
export type { JumioModuleExtras } from './jumio.module-definition';
export { JUMIO_MODULE_OPTIONS } from './jumio.module-definition';
export { JUMIO_DEFAULTS, type JumioDataCenter, type JumioModuleOptions } from './jumio.options';
export { JUMIO_ENTITIES } from './jumio.entities';
export { JUMIO_MIGRATIONS } from './migrations/jumio-migrations';
export { ScanTransaction } from './scan-transaction/scan-transaction.entity';
export { VerificationResult } from './scan-transaction/verification-result.entity';
export { CallbackInboxEntry, type CallbackOutcome } from './callback/callback-inbox.entity';
export { ScanTransactionService } from './scan-transaction/scan-transaction.service';
export type {
  ApplyOutcome,
  ClientReportedStatus,
  ResultSource,
  ScanChannel,
  ScanStatus,
  ScanType,
} from './scan-transaction/scan-transaction.types';
export { JumioClient } from './client/jumio.client';
export { JumioError, JumioErrorCode } from './errors/jumio.error';
export { JumioExceptionFilter } from './errors/jumio-exception.filter';
export type {
  ExtractedAddress,
  ExtractedData,
  JumioProduct,
  JumioResult,
  VerificationDecision,
} from './scan-transaction/verification.types';
export { AcquirePoaDto } from './scan-transaction/dto/acquire-poa.dto';
export { InitiatePoiDto } from './scan-transaction/dto/initiate-poi.dto';
export { SetScanReferenceDto } from './scan-transaction/dto/set-scan-reference.dto';
export { SetScanStatusDto } from './scan-transaction/dto/set-scan-status.dto';
export { StartPoaScanDto } from './scan-transaction/dto/start-poa-scan.dto';
export { StartPoiScanDto } from './scan-transaction/dto/start-poi-scan.dto';
export { MobileHandoffResponse } from './scan-transaction/dto/mobile-handoff.response';
export {
  ScanTransactionStatusResponse,
  VerificationResponse,
  toStatusResponse,
} from './scan-transaction/dto/scan-transaction-status.response';
export { WebRedirectResponse } from './scan-transaction/dto/web-redirect.response';
// Trust layer: callback source checks, reconciliation, events, proof-of-address rules.
export {
  ReconciliationService,
  type ReconciliationReport,
} from './reconciliation/reconciliation.service';
export { CallbackConfirmation } from './reconciliation/callback-confirmation.service';
export {
  DEFAULT_RETRIEVAL_SCHEDULE_SECONDS,
  parseRetrievalSchedule,
} from './reconciliation/retrieval-schedule';
export { OutboxRelay, type RelayReport } from './events/outbox-relay.service';
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
  DEFAULT_POA_RULES,
  resolvePoaRules,
  type ProofOfAddressRules,
} from './poa-rules/proof-of-address.rules';
export {
  evaluateProofOfAddress,
  type ProofOfAddressContext,
  type ProofOfAddressDecision,
  type ProofOfAddressReason,
} from './poa-rules/proof-of-address.evaluator';
export { callbackAllowedCidrs } from './callback/callback-source.guard';
export { isFetchableJumioImageUrl } from './callback/jumio-image-url.policy';
// Data protection: encryption at rest, redaction, retention, erasure, audit trail.
export { ErasureService, type ErasureStatus } from './data-protection/erasure.service';
export { RetentionService, type RetentionRunReport } from './data-protection/retention.service';
export { RETENTION_DEFAULTS } from './data-protection/data-protection.settings';
export {
  EncryptionKeyError,
  FieldCipher,
  FieldDecryptionError,
  type EncryptionKeyRing,
  type FieldLocation,
} from './data-protection/field-cipher';
export { parseEncryptionKeys, SANDBOX_DEV_KEY_ID } from './data-protection/encryption-keys';
export { parseCidr } from './callback/ip-allowlist';
export { PersonalDataCipher } from './data-protection/personal-data.cipher';
export { reencryptAll, type ReencryptionReport } from './data-protection/reencrypt-all';
export { isSensitiveKey, redact, redactText } from './data-protection/redact';
export { RedactingLogger } from './data-protection/redacting.logger';
export {
  AuditEvent,
  type AuditAction,
  type AuditCause,
} from './data-protection/audit-event.entity';
export { ErasureRequest } from './data-protection/erasure-request.entity';
export { EraseUserDto } from './data-protection/erase-user.dto';
export type { JumioRetentionOptions } from './jumio.options';
// Resilience and operations: policies around Jumio calls, health, metrics, request ids, rate limits.
export type { JumioResilienceOptions } from './resilience/jumio-resilience.options';
export type { JumioPacingOptions } from './resilience/jumio-pacing.options';
export { JUMIO_RESILIENCE_DEFAULTS } from './resilience/jumio-resilience.options';
export { JumioBillable, JUMIO_BILLABLE } from './resilience/jumio-billable.decorator';
export { JumioOpsModule } from './observability/jumio-ops.module';
export { JUMIO_OPS_DEFAULTS, type JumioOpsOptions } from './observability/jumio-ops.options';
export { JumioMetrics } from './observability/jumio-metrics';
export { currentRequestId } from './observability/request-context';
export { RequestIdConsoleLogger } from './observability/request-id-console.logger';
// Decision table and manual review queue (docs/decisions.md).
export {
  DEFAULT_DECISION_POLICY,
  type DecisionPolicy,
  type DecisionPolicyOptions,
} from './scan-transaction/decision-policy';
export { ReviewQueue, MANUAL_REVIEW_REASON } from './review/review-queue.service';
export { ManualReview, type ReviewDecision, type ReviewState } from './review/manual-review.entity';
export {
  DecideReviewDto,
  ListReviewsDto,
  ReviewItem,
  ReviewList,
} from './review/review.dto';
