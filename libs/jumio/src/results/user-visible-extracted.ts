import type { VerificationDecision } from '../persistence/verification.types';
import type { ExtractedData } from '../options/extracted-data';

/** Decisions after which Jumio's reading of the document no longer changes. */
export function isFinalDecision(decision: VerificationDecision | null): boolean {
  return decision === 'APPROVED' || decision === 'REJECTED' || decision === 'RETRY';
}

/** Only the listed fields of the extracted data (data minimisation: nothing else leaves the module). */
export function pickUserVisible(
  data: ExtractedData,
  fields: readonly (keyof ExtractedData)[],
): Partial<ExtractedData> {
  const visible: Partial<Record<keyof ExtractedData, unknown>> = {};
  for (const field of fields) {
    if (data[field] !== undefined) visible[field] = data[field];
  }
  return visible as Partial<ExtractedData>;
}
