import type { ScanTransaction } from '../persistence/scan-transaction.entity';

/**
 * What the user's proof of identity means for the POA name rule. APPROVED: compare the names.
 * AWAITING_RESULT: decide the POA once Jumio's POI result is applied. NONE: there is no identity to
 * compare with.
 */
export type PoiStanding = 'APPROVED' | 'AWAITING_RESULT' | 'NONE';

export type PoiState = Pick<ScanTransaction, 'status' | 'decision' | 'openKey'>;

/**
 * Reads the POI step's state (its open transaction, else its newest one):
 *
 * | POI transaction                                        | standing        | POA                       |
 * | ------------------------------------------------------ | --------------- | ------------------------- |
 * | none                                                   | NONE            | RETRY POA_NO_APPROVED_POI |
 * | open, upload not finished (decision null)              | NONE            | RETRY POA_NO_APPROVED_POI |
 * | open, uploaded, Jumio's result not applied (PENDING)   | AWAITING_RESULT | PENDING POA_AWAITING_POI  |
 * | in manual review (REVIEW)                              | AWAITING_RESULT | PENDING POA_AWAITING_POI  |
 * | APPROVED                                               | APPROVED        | names compared            |
 * | REJECTED or RETRY                                      | NONE            | RETRY POA_NO_APPROVED_POI |
 * | closed without a result (client ERROR, EXPIRED)        | NONE            | RETRY POA_NO_APPROVED_POI |
 *
 * An APPROVED POI whose name is no longer stored (retention purged it, or erasure) still gives
 * POA_NO_APPROVED_POI: there is no name to compare with.
 * An uploaded POI is awaited however long Jumio takes (uploads never expire): reconciliation re-checks the
 * waiting POA once the POI is decided (ReconciliationService.restartChangedSchedules).
 */
export function poiStandingOf(poi: PoiState | null): PoiStanding {
  if (poi?.decision === 'APPROVED') return 'APPROVED';
  if (poi?.decision === 'PENDING' && poi.openKey !== null) return 'AWAITING_RESULT';
  if (poi?.decision === 'REVIEW') return 'AWAITING_RESULT';
  return 'NONE';
}
