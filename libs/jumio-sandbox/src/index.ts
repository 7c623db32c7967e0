// The library's one public surface.
export { startJumioSandbox, type JumioSandbox } from './jumio-sandbox';
export { SANDBOX_DEFAULTS, type JumioSandboxOptions } from './jumio-sandbox.options';
export {
  JUMIO_DEFAULT_RATE_LIMITS,
  JumioSandboxControl,
  type TransactionSnapshot,
} from './control/jumio-sandbox-control';
export type {
  CallbackShape,
  FaultGroup,
  FaultKind,
  FaultSpec,
  OutcomeTarget,
} from './control/scenario';
export {
  DOCUMENTED_RATE_LIMITS,
  type RateLimitSpec,
  type SandboxRateLimits,
} from './control/rate-limits';
export { EXTRACTABLE_DOCUMENT_TYPES } from './scan/document-result';
export {
  CALLBACK_USER_AGENT,
  type CallbackDelivery,
  type CallbackRecord,
  type WaitForCallbacksOptions,
} from './callback/callback-sender';
export {
  DOCUMENT_OUTCOMES,
  NETVERIFY_OUTCOMES,
  type DocumentOutcome,
  type IdentityVerificationOverride,
  type NetverifyResultOverrides,
  type NetverifyOutcome,
  type ScanOutcome,
  type TransactionStatus,
} from './store/transaction.types';
export { DOCUMENT_ERROR, NETVERIFY_ERROR } from './capture/journey-end';
export { SANDBOX_HEADER } from './http/request-handler';
export { SANDBOX_BANNER } from './capture/page-layout.html';
export { KyxSandboxControl, type KyxExecutionSnapshot } from './kyx/kyx-sandbox-control';
export type { KyxCallbackBody, KyxCallbackRecord } from './kyx/kyx-callback.sender';
export type { KyxOutcomeTarget } from './kyx/kyx-lifecycle';
export {
  KYX_DOCUMENT_OUTCOMES,
  KYX_ID_OUTCOMES,
  type KyxDocumentOutcome,
  type KyxIdOutcome,
  type KyxOutcome,
  type KyxWorkflowStatus,
} from './kyx/kyx.types';
export { KYX_WEB_ERROR } from './kyx/kyx-capture.routes';
