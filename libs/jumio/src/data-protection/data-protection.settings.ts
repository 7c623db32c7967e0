import type { JumioModuleOptions } from '../options/jumio.options';

/**
 * Defaults of `JumioModuleOptions.retention`:
 * - personal data 90 days after the result arrived: long enough for the bank's manual review of a
 *   rejection, a customer complaint or a re-check, short enough that a leak of this database exposes only
 *   recent applicants. The onboarding backend copies what its AML record-keeping needs into its own records.
 * - raw callbacks 24 hours when they could not be processed: the result can always be fetched again from
 *   Jumio's Retrieval API, so the raw form is only a buffer. Processed ones are emptied at the next run.
 * - the job runs every minute.
 */
export const RETENTION_DEFAULTS = {
  personalDataDays: 90,
  rawCallbackHours: 24,
  jobIntervalSeconds: 60,
};

export type RetentionSettings = typeof RETENTION_DEFAULTS;

export class DataProtectionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataProtectionConfigError';
  }
}

/** The retention options with defaults applied; throws a clear error for a bad value. */
export function retentionSettings(
  options: Pick<JumioModuleOptions, 'retention'>,
): RetentionSettings {
  const settings = { ...RETENTION_DEFAULTS };
  for (const key of Object.keys(RETENTION_DEFAULTS) as Array<keyof RetentionSettings>) {
    const value = options.retention?.[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw new DataProtectionConfigError(`retention.${key} must be a number >= 0`);
    }
    settings[key] = value;
  }
  return settings;
}

/** Admin routes are off unless enabled, and never on without the host's guard in front. */
export function assertAdminRoutesProtected(
  options: Pick<JumioModuleOptions, 'enableAdminRoutes' | 'adminGuard'>,
): void {
  if (options.enableAdminRoutes && !options.adminGuard) {
    throw new DataProtectionConfigError(
      "enableAdminRoutes needs adminGuard: the admin routes erase personal data and must sit behind the host's admin authentication",
    );
  }
}
