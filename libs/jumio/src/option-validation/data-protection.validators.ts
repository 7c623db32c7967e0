import { FieldCipher } from '../persistence/field-cipher';
import { RETENTION_DEFAULTS } from '../data-protection/data-protection.settings';
import type { JumioModuleOptions } from '../options/jumio.options';
import { booleanProblem, MAX_TIMER_MS, numberProblem } from '../options/option-checks';

/* Keys for personal data at rest, how long it is kept, and who may erase it. */

export function encryptionKeyProblems(options: JumioModuleOptions): string[] {
  const ring = options.encryptionKeys;
  if (ring === undefined) {
    if (options.sandbox === true) return []; // the public development key, with a loud warning
    return [
      'encryptionKeys is required outside the sandbox (e.g. parseEncryptionKeys("k1:<base64 32 bytes>")); ' +
        "generate a key with `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`",
    ];
  }
  if (
    typeof ring !== 'object' ||
    ring === null ||
    typeof ring.keys !== 'object' ||
    ring.keys === null
  ) {
    return ['encryptionKeys must be { currentKeyId, keys } (see parseEncryptionKeys)'];
  }
  try {
    new FieldCipher(ring);
    return [];
  } catch (error) {
    // The cipher's messages name key ids and sizes, never a key.
    return [`encryptionKeys: ${(error as Error).message}`];
  }
}

const RETENTION_MAX: Record<keyof typeof RETENTION_DEFAULTS, number> = {
  personalDataDays: 36_500,
  rawCallbackHours: 876_000,
  jobIntervalSeconds: Math.floor(MAX_TIMER_MS / 1000),
};

export function retentionProblems(options: JumioModuleOptions): string[] {
  const retention = options.retention;
  if (retention === undefined) return [];
  if (typeof retention !== 'object' || retention === null) return ['retention must be an object'];
  return Object.entries(retention).flatMap(([key, value]) => {
    const max = RETENTION_MAX[key as keyof typeof RETENTION_MAX] as number | undefined;
    if (max === undefined) {
      return [
        `retention.${key} is not an option (known: ${Object.keys(RETENTION_MAX).join(', ')})`,
      ];
    }
    const problem =
      value === undefined ? undefined : numberProblem(`retention.${key}`, value, { min: 0, max, fractions: true });
    return problem ? [problem] : [];
  });
}

export function adminRouteProblems(options: JumioModuleOptions): string[] {
  if (options.enableAdminRoutes === undefined) return [];
  const problem = booleanProblem('enableAdminRoutes', options.enableAdminRoutes);
  if (problem) return [problem];
  if (options.enableAdminRoutes && !options.adminGuard) {
    return [
      "enableAdminRoutes needs adminGuard: the admin routes erase personal data and must sit behind the host's admin authentication",
    ];
  }
  return [];
}
