import { Logger } from '@nestjs/common';
import type { JumioModuleOptions } from '../options/jumio.options';
import {
  backgroundWorkProblems,
  callbackBaseUrlOptionProblems,
  callbackSourceProblems,
} from './callback-options.validators';
import { decisionPolicyProblems, manualReviewProblems } from './decision-options.validators';
import {
  adminRouteProblems,
  encryptionKeyProblems,
  retentionProblems,
} from './data-protection.validators';
import {
  credentialProblems,
  dataCenterProblems,
  jumioHostUrlProblems,
  pacingProblems,
  requestTimeoutProblems,
  resilienceDeprecations,
  resilienceProblems,
  retrievalCredentialProblems,
  sandboxProblems,
  userAgentProblems,
} from './jumio-connection.validators';
import { kyxOptionProblems, platformProblems } from './kyx-options.validators';
import {
  poaRuleProblems,
  scanLimitProblems,
  userResolutionProblems,
  userVisibleFieldProblems,
} from './scan-options.validators';
import { JumioOptionsError } from '../options/jumio-options.error';

/** One concern's check: a sentence per bad option, each starting with the option's name. */
export type JumioOptionsValidator = (options: JumioModuleOptions) => string[];

/** Every check, in the order of the README's options table. A new option adds its check here. */
const VALIDATORS: JumioOptionsValidator[] = [
  platformProblems,
  kyxOptionProblems,
  credentialProblems,
  retrievalCredentialProblems,
  dataCenterProblems,
  jumioHostUrlProblems,
  sandboxProblems,
  userAgentProblems,
  callbackBaseUrlOptionProblems,
  userResolutionProblems,
  scanLimitProblems,
  requestTimeoutProblems,
  pacingProblems,
  encryptionKeyProblems,
  callbackSourceProblems,
  backgroundWorkProblems,
  poaRuleProblems,
  userVisibleFieldProblems,
  retentionProblems,
  adminRouteProblems,
  decisionPolicyProblems,
  manualReviewProblems,
  resilienceProblems,
];

/** Old option names still accepted: each check returns a warning per old name in use. */
const DEPRECATIONS: JumioOptionsValidator[] = [resilienceDeprecations];

/** Every option name (the compiler keeps the list complete); anything else is a typo. */
const KNOWN_OPTIONS: Record<keyof JumioModuleOptions, true> = {
  platform: true,
  kyx: true,
  apiToken: true,
  apiSecret: true,
  dataCenter: true,
  netverifyUrl: true,
  uploadUrl: true,
  retrievalUrl: true,
  userAgent: true,
  callbackBaseUrl: true,
  callbackAllowedIps: true,
  resolveUserId: true,
  maxAttempts: true,
  tokenLifetimeMinutes: true,
  requestTimeoutMs: true,
  resilience: true,
  workflowId: true,
  retrievalApiToken: true,
  retrievalApiSecret: true,
  pacing: true,
  sandbox: true,
  encryptionKeys: true,
  retention: true,
  enableAdminRoutes: true,
  adminGuard: true,
  trustedProxies: true,
  callbackMaxBodyBytes: true,
  retrievalScheduleSeconds: true,
  reconciliationIntervalMs: true,
  outboxRelayIntervalMs: true,
  callbackInboxIntervalMs: true,
  poaRules: true,
  userVisibleExtractedFields: true,
  instanceRole: true,
  backgroundPoolSize: true,
  callbackRateLimit: true,
  callbackBodyTimeoutMs: true,
  callbackInboxConcurrency: true,
  decisionPolicy: true,
  manualReview: true,
  resolveReviewerId: true,
};

/** Options `JumioModule.forRoot*()` takes beside the module options (they shape the module itself). */
const MODULE_EXTRAS = ['dataSource'];

/** Every problem of the options, empty when they are usable. Never echoes a credential or key. */
export function jumioOptionsProblems(options: JumioModuleOptions): string[] {
  if (typeof options !== 'object' || options === null) {
    return ['the options must be an object (did the forRootAsync factory return them?)'];
  }
  return [
    ...unknownOptionProblems(options),
    ...VALIDATORS.flatMap((validate) => validate(options)),
  ];
}

/** Old option names the options use (each still works), one sentence each. */
export function jumioOptionsDeprecations(options: JumioModuleOptions): string[] {
  return DEPRECATIONS.flatMap((check) => check(options));
}

/**
 * Checks the options once, at module start; throws one error listing every bad option, and warns once
 * per deprecated name.
 */
export function validateJumioOptions(options: JumioModuleOptions): JumioModuleOptions {
  const problems = jumioOptionsProblems(options);
  if (problems.length > 0) throw new JumioOptionsError(problems);
  const logger = new Logger('JumioModule');
  for (const deprecation of jumioOptionsDeprecations(options)) logger.warn(deprecation);
  return options;
}

function unknownOptionProblems(options: object): string[] {
  return Object.keys(options)
    .filter((key) => !(key in KNOWN_OPTIONS))
    .map((key) =>
      MODULE_EXTRAS.includes(key)
        ? `${key} belongs beside useFactory/useClass in forRootAsync({ ${key}, ... }), not in the options it returns`
        : `${key} is not an option of JumioModule${suggestion(key)}`,
    );
}

function suggestion(key: string): string {
  const lower = key.toLowerCase();
  const match = Object.keys(KNOWN_OPTIONS).find((known) => known.toLowerCase() === lower);
  return match ? ` (did you mean ${match}?)` : '';
}
