import type { TableDecision } from '../../transaction/decision-policy';
import type { DecisionPolicy } from '../../options/decision-policy.options';
import { toReasonToken } from './reason-token';

interface CheckRow {
  decision: TableDecision;
  reasons: string[];
}

/**
 * Rows of the decision table for Jumio's `additionalChecks` (Retrieval API `verification.additionalChecks`,
 * each activation-gated). A hit is `policy.additionalChecksHit` (REVIEW by default); a check that ran but
 * failed or cannot be read is REVIEW: the bank activated it, so its silence is not a pass. Checks not done
 * (NOT_DONE, CHECK_NOT_DONE) and checks the module does not know (e.g. personalNumberValidation) add nothing.
 * Nothing of the checks' content (search links, references) leaves this function: only reason codes.
 */
export function additionalCheckRows(raw: unknown, policy: DecisionPolicy): CheckRow[] {
  const checks = asObject(raw);
  if (!checks) return [];
  const rows: CheckRow[] = [];
  // The screening guide's callback sample spells it watchListScreening, its retrieval sample watchlistScreening.
  const watchlist = asObject(checks.watchlistScreening ?? checks.watchListScreening);
  if (watchlist) rows.push(...watchlistRows(watchlist, policy));
  const faceSearch = asObject(checks.faceSearchFindings);
  if (faceSearch) rows.push(...faceSearchRows(faceSearch, policy));
  for (const [name, prefix] of [
    ['addressValidation', 'ADDRESS_VALIDATION'],
    ['proofOfResidency', 'PROOF_OF_RESIDENCY'],
  ] as const) {
    const check = asObject(checks[name]);
    if (check) rows.push(...searchResultRows(check, prefix, policy));
  }
  return rows;
}

/** `{searchStatus: DONE | NOT_DONE | ERROR, searchResults: number (or its string)}`. */
function watchlistRows(check: Record<string, unknown>, policy: DecisionPolicy): CheckRow[] {
  const status = word(check.searchStatus);
  if (status === 'NOT_DONE') return [];
  if (status === 'ERROR') return [review('WATCHLIST_SCREENING_ERROR')];
  if (status !== 'DONE') return [review('WATCHLIST_SCREENING_UNKNOWN')];
  const results = Number(check.searchResults);
  if (check.searchResults === undefined || check.searchResults === '' || !Number.isFinite(results)) {
    return [review('WATCHLIST_SCREENING_UNKNOWN')];
  }
  return results > 0 ? [{ decision: policy.additionalChecksHit, reasons: ['WATCHLIST_HIT'] }] : [];
}

/** 1:n: `{status: DONE | PENDING | ERROR, findings: reference or [references]}` of earlier scans with this face. */
function faceSearchRows(check: Record<string, unknown>, policy: DecisionPolicy): CheckRow[] {
  const status = word(check.status);
  if (status === 'PENDING' || status === 'ERROR') return [review('FACE_SEARCH_INCOMPLETE')];
  if (status !== 'DONE') return [review('FACE_SEARCH_UNKNOWN')];
  const findings = check.findings;
  const found = Array.isArray(findings)
    ? findings.length > 0
    : typeof findings === 'string' && findings.trim() !== '';
  return found ? [{ decision: policy.additionalChecksHit, reasons: ['FACE_SEARCH_MATCH'] }] : [];
}

/** `{searchResults: POSITIVE_RESULT | PARTIAL_RESULT | NEGATIVE_RESULT | CHECK_NOT_DONE, searchResponse?}`. */
function searchResultRows(
  check: Record<string, unknown>,
  prefix: string,
  policy: DecisionPolicy,
): CheckRow[] {
  const result = word(check.searchResults);
  if (result === 'POSITIVE_RESULT' || result === 'CHECK_NOT_DONE') return [];
  if (result === 'NEGATIVE_RESULT' || result === 'PARTIAL_RESULT') {
    return [{ decision: policy.additionalChecksHit, reasons: [`${prefix}_${result}`] }];
  }
  return [review(`${prefix}_UNKNOWN`)];
}

function review(reason: string): CheckRow {
  return { decision: 'REVIEW', reasons: [reason] };
}

function word(value: unknown): string | undefined {
  return toReasonToken(value);
}

/** An object, or a JSON string of one (callbacks carry JSON fields as strings). */
function asObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
