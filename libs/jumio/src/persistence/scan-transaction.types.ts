/** Which onboarding step a scan transaction belongs to. */
export type ScanType = 'POI' | 'POA';
export const SCAN_TYPES: readonly ScanType[] = ['POI', 'POA'];

/** How the user captures documents: Jumio's hosted web client or the Jumio mobile SDK. */
export type ScanChannel = 'WEB' | 'MOBILE';

/**
 * The client's view of the step: NOT_STARTED_YET (nothing to resume: start one), PENDING (started,
 * upload not finished: resume or restart), SUCCESS (upload finished: continue the parent flow).
 */
export type ScanStatus = 'NOT_STARTED_YET' | 'PENDING' | 'SUCCESS';

/** What the client reports after the capture journey (web redirect or SDK result). */
export type ClientReportedStatus = 'SUCCESS' | 'ERROR';
export const CLIENT_REPORTED_STATUSES: readonly ClientReportedStatus[] = ['SUCCESS', 'ERROR'];

/** Where a verification result came from. */
export type ResultSource = 'CALLBACK' | 'RETRIEVAL';

/** What `applyResult` did with a result; also the callback inbox's outcome column. */
export type ApplyOutcome = 'APPLIED' | 'DUPLICATE' | 'IGNORED_STALE' | 'UNKNOWN_REFERENCE';
