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
