// The library's public surface. Nothing else under libs/jumio/src is meant to be imported by hosts.
export { JumioModule } from './jumio.module';
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
export {
  MobileHandoffResponse,
  SdkCredentialsResponse,
} from './scan-transaction/dto/mobile-handoff.response';
export {
  ScanTransactionStatusResponse,
  VerificationResponse,
  toStatusResponse,
} from './scan-transaction/dto/scan-transaction-status.response';
export { WebRedirectResponse } from './scan-transaction/dto/web-redirect.response';
// Trust layer: callback source checks, reconciliation, events, proof-of-address rules.
export { ReconciliationService, type ReconciliationReport } from './reconciliation/reconciliation.service';
export { DEFAULT_RETRIEVAL_SCHEDULE_SECONDS, parseRetrievalSchedule } from './reconciliation/retrieval-schedule';
export { OutboxRelay, type RelayReport } from './events/outbox-relay.service';
export { ScanTransactionEvents, type ScanTransactionEventHandler } from './events/scan-transaction-events';
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
export { DEFAULT_POA_RULES, resolvePoaRules, type ProofOfAddressRules } from './poa-rules/proof-of-address.rules';
export {
  evaluateProofOfAddress,
  type ProofOfAddressContext,
  type ProofOfAddressDecision,
  type ProofOfAddressReason,
} from './poa-rules/proof-of-address.evaluator';
export { callbackAllowedCidrs } from './callback/callback-source.guard';
export { isFetchableJumioImageUrl } from './callback/jumio-image-url.policy';
