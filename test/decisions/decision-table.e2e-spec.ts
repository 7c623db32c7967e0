import {
  OnboardingStepService,
  type JumioModuleOptions,
  type OnboardingStepState,
  type VerificationDecision,
} from '@app/jumio';
import type { NetverifyResultOverrides } from '@app/jumio-sandbox';
import { DATABASES } from '../support/create-test-app';
import { startJumioTestKit, type JumioTestKit } from '../support/jumio-test-kit';
import { journey, start, type Preset } from './support/decision-journey';

/*
 * Every row of the decision table (docs/decisions.md) through the real HTTP routes, the Jumio sandbox, its
 * callback and the Retrieval API: one parameterised suite, one row per Jumio outcome. Rows whose Jumio words
 * the sandbox cannot produce (it is faithful: no misspelt or unknown statuses, no idScanStatus contradicting
 * the verification status) are in libs/jumio/src/jumio/legacy/verification-decision.spec.ts.
 */

/** The module configurations the table is played under. */
const KITS = {
  default: {},
  // A bank that decides the configurable rows the other way (decisionPolicy).
  strict: {
    decisionPolicy: {
      unsupportedIdType: 'REJECTED',
      unsupportedIdCountry: 'REVIEW',
      expiredId: 'REJECTED',
      additionalChecksHit: 'REJECTED',
    },
  },
  // Workflow 100: ID only, no selfie; the face check is not required.
  idOnly: { workflowId: 100 },
} satisfies Record<string, Partial<JumioModuleOptions>>;
type KitName = keyof typeof KITS;

interface Row {
  id: string;
  kit?: KitName;
  step: 'poi' | 'poa';
  /** POA rows: what the user's approved POI carries (e.g. another name). */
  poi?: NetverifyResultOverrides;
  preset: Preset;
  decision: VerificationDecision;
  /** Every reason expected (others may follow, e.g. Jumio's reject reason codes). */
  reasons: string[];
  /** RETRY rows: whether the attempt was used up. */
  counted?: boolean;
}

const APPROVED: Preset = { outcome: 'APPROVED_VERIFIED' };
const face = (
  similarity: 'MATCH' | 'NO_MATCH' | 'NOT_POSSIBLE',
  validity: boolean,
  reason?: string,
): Preset => ({ ...APPROVED, identityVerification: { similarity, validity, reason } });
const checks = (additionalChecks: Record<string, unknown>): Preset => ({
  ...APPROVED,
  additionalChecks,
});

const ROWS: Row[] = [
  {
    id: 'N1 approved, face MATCH + TRUE',
    step: 'poi',
    preset: APPROVED,
    decision: 'APPROVED',
    reasons: [],
  },
  {
    id: 'N2 approved without identityVerification (workflow 200)',
    step: 'poi',
    preset: { ...APPROVED, identityVerification: null },
    decision: 'REVIEW',
    reasons: ['IDENTITY_VERIFICATION_MISSING'],
  },
  {
    id: 'N3 approved without identityVerification (workflow 100)',
    kit: 'idOnly',
    step: 'poi',
    preset: { ...APPROVED, identityVerification: null },
    decision: 'APPROVED',
    reasons: [],
  },
  {
    id: 'N4 similarity NO_MATCH',
    step: 'poi',
    preset: face('NO_MATCH', true),
    decision: 'REJECTED',
    reasons: ['SIMILARITY_NO_MATCH'],
  },
  {
    id: 'N5 similarity NOT_POSSIBLE',
    step: 'poi',
    preset: face('NOT_POSSIBLE', true),
    decision: 'RETRY',
    reasons: ['SIMILARITY_NOT_POSSIBLE'],
    counted: true,
  },
  ...['BAD_QUALITY', 'FACE_NOT_FULLY_VISIBLE', 'NO_FACE_PRESENT', 'BLACK_AND_WHITE'].map(
    (reason): Row => ({
      id: `N6 validity FALSE ${reason}`,
      step: 'poi',
      preset: face('MATCH', false, reason),
      decision: 'RETRY',
      reasons: [`LIVENESS_${reason}`],
      counted: true,
    }),
  ),
  ...[
    'SELFIE_IS_SCREEN_PAPER_VIDEO',
    'SELFIE_MANIPULATED',
    'SELFIE_CROPPED_FROM_ID',
    'ENTIRE_ID_USED_AS_SELFIE',
  ].map((reason): Row => ({
    id: `N7 validity FALSE ${reason}`,
    step: 'poi',
    preset: face('MATCH', false, reason),
    decision: 'REJECTED',
    reasons: [`LIVENESS_${reason}`],
  })),
  ...['MULTIPLE_PEOPLE', 'AGE_DIFFERENCE_TOO_BIG', 'LIVENESS_FAILED'].map((reason): Row => ({
    id: `N8 validity FALSE ${reason}`,
    step: 'poi',
    preset: face('MATCH', false, reason),
    decision: 'REVIEW',
    reasons: [reason.startsWith('LIVENESS_') ? reason : `LIVENESS_${reason}`],
  })),
  {
    id: 'N9 DENIED_FRAUD',
    step: 'poi',
    preset: { outcome: 'DENIED_FRAUD' },
    decision: 'REJECTED',
    reasons: ['DENIED_FRAUD', 'REJECT_REASON_107_PHOTO_MISMATCH'],
  },
  {
    id: 'N10 DENIED_UNSUPPORTED_ID_TYPE',
    step: 'poi',
    preset: { outcome: 'DENIED_UNSUPPORTED_ID_TYPE' },
    decision: 'RETRY',
    reasons: ['DENIED_UNSUPPORTED_ID_TYPE'],
    counted: true,
  },
  {
    id: 'N10 DENIED_UNSUPPORTED_ID_TYPE (unsupportedIdType REJECTED)',
    kit: 'strict',
    step: 'poi',
    preset: { outcome: 'DENIED_UNSUPPORTED_ID_TYPE' },
    decision: 'REJECTED',
    reasons: ['DENIED_UNSUPPORTED_ID_TYPE'],
  },
  {
    id: 'N11 DENIED_UNSUPPORTED_ID_COUNTRY',
    step: 'poi',
    preset: { outcome: 'DENIED_UNSUPPORTED_ID_COUNTRY' },
    decision: 'RETRY',
    reasons: ['DENIED_UNSUPPORTED_ID_COUNTRY'],
    counted: true,
  },
  {
    id: 'N11 DENIED_UNSUPPORTED_ID_COUNTRY (unsupportedIdCountry REVIEW)',
    kit: 'strict',
    step: 'poi',
    preset: { outcome: 'DENIED_UNSUPPORTED_ID_COUNTRY' },
    decision: 'REVIEW',
    reasons: ['DENIED_UNSUPPORTED_ID_COUNTRY'],
  },
  {
    id: 'N12 ERROR_NOT_READABLE_ID',
    step: 'poi',
    preset: { outcome: 'ERROR_NOT_READABLE_ID' },
    decision: 'RETRY',
    reasons: ['ERROR_NOT_READABLE_ID', 'REJECT_REASON_200_NOT_READABLE_DOCUMENT'],
    counted: true,
  },
  {
    id: 'N13 NO_ID_UPLOADED (not counted)',
    step: 'poi',
    preset: { outcome: 'NO_ID_UPLOADED' },
    decision: 'RETRY',
    reasons: ['NO_ID_UPLOADED'],
    counted: false,
  },
  {
    id: 'N14 expired ID',
    step: 'poi',
    preset: { ...APPROVED, idExpiry: '2020-01-31' },
    decision: 'RETRY',
    reasons: ['ID_EXPIRED'],
    counted: true,
  },
  {
    id: 'N14 expired ID (expiredId REJECTED)',
    kit: 'strict',
    step: 'poi',
    preset: { ...APPROVED, idExpiry: '2020-01-31' },
    decision: 'REJECTED',
    reasons: ['ID_EXPIRED'],
  },
  {
    id: 'N15 watchlist screening hit',
    step: 'poi',
    preset: checks({ watchlistScreening: { searchStatus: 'DONE', searchResults: '3' } }),
    decision: 'REVIEW',
    reasons: ['WATCHLIST_HIT'],
  },
  {
    id: 'N15 watchlist screening hit (additionalChecksHit REJECTED)',
    kit: 'strict',
    step: 'poi',
    preset: checks({ watchlistScreening: { searchStatus: 'DONE', searchResults: '3' } }),
    decision: 'REJECTED',
    reasons: ['WATCHLIST_HIT'],
  },
  {
    id: 'N15 watchlist screening clear',
    step: 'poi',
    preset: checks({ watchlistScreening: { searchStatus: 'DONE', searchResults: '0' } }),
    decision: 'APPROVED',
    reasons: [],
  },
  {
    id: 'N16 watchlist screening ERROR',
    step: 'poi',
    preset: checks({ watchlistScreening: { searchStatus: 'ERROR' } }),
    decision: 'REVIEW',
    reasons: ['WATCHLIST_SCREENING_ERROR'],
  },
  {
    id: 'N17 1:n face search finding',
    step: 'poi',
    preset: checks({
      faceSearchFindings: { status: 'DONE', findings: ['f0e1d2c3-0000-4000-8000-000000000001'] },
    }),
    decision: 'REVIEW',
    reasons: ['FACE_SEARCH_MATCH'],
  },
  {
    id: 'N18 1:n face search not finished',
    step: 'poi',
    preset: checks({ faceSearchFindings: { status: 'PENDING' } }),
    decision: 'REVIEW',
    reasons: ['FACE_SEARCH_INCOMPLETE'],
  },
  {
    id: 'N19 address validation NEGATIVE_RESULT',
    step: 'poi',
    preset: checks({ addressValidation: { searchResults: 'NEGATIVE_RESULT' } }),
    decision: 'REVIEW',
    reasons: ['ADDRESS_VALIDATION_NEGATIVE_RESULT'],
  },
  {
    id: 'D1 POA extracted, name matches',
    step: 'poa',
    preset: { outcome: 'EXTRACTED' },
    decision: 'APPROVED',
    reasons: [],
  },
  {
    id: 'D2 POA name does not match the identity',
    step: 'poa',
    poi: { name: { firstName: 'OTHER', lastName: 'PERSON' } },
    preset: { outcome: 'EXTRACTED' },
    decision: 'REVIEW',
    reasons: ['POA_NAME_MISMATCH'],
  },
  {
    id: 'D3 POA uploaded, nothing extracted',
    step: 'poa',
    preset: { outcome: 'UPLOADED' },
    decision: 'RETRY',
    reasons: ['POA_NO_EXTRACTED_DATA'],
    counted: true,
  },
  {
    id: 'D4 POA never finalised (FAILED, not counted)',
    step: 'poa',
    preset: { outcome: 'FAILED' },
    decision: 'RETRY',
    reasons: ['TRANSACTION_FAILED'],
    counted: false,
  },
];

/** What the onboarding integration reports for each decision. */
const STEP_STATE: Record<VerificationDecision, OnboardingStepState> = {
  APPROVED: 'SATISFIED',
  REJECTED: 'REJECTED',
  RETRY: 'NEEDS_USER',
  REVIEW: 'PENDING',
  PENDING: 'PENDING',
};

describe.each(DATABASES)('decision table through HTTP and the sandbox (%s)', (database) => {
  const kits = new Map<KitName, Promise<JumioTestKit>>();
  const kitFor = (name: KitName = 'default'): Promise<JumioTestKit> => {
    if (!kits.has(name)) kits.set(name, startJumioTestKit(database, KITS[name]));
    return kits.get(name)!;
  };
  afterAll(async () => {
    for (const kit of kits.values()) await (await kit).close();
  });

  it.each(ROWS.map((row, index) => [row.id, row, index] as const))(
    '%s',
    async (_id, row, index) => {
      const kit = await kitFor(row.kit);
      const user = kit.as(`row-${index}-${row.kit ?? 'default'}`);
      if (row.step === 'poa') {
        const poi = await journey(kit, user, 'poi', { ...APPROVED, ...row.poi });
        expect(poi.verification?.decision).toBe('APPROVED');
      }

      const status = await journey(kit, user, row.step, row.preset);
      expect(status.verification?.decision).toBe(row.decision);
      expect(status.verification?.reasons).toEqual(expect.arrayContaining(row.reasons));
      if (row.decision === 'APPROVED') expect(status.verification?.reasons).toEqual([]);
      expect(status.status).toBe(row.decision === 'RETRY' ? 'NOT_STARTED_YET' : 'SUCCESS');
      const stepCode = row.step === 'poi' ? 'JUMIO' : 'JUMIO_POA';
      const step = await kit.app.app.get(OnboardingStepService).getStepState(user.userId, stepCode);
      expect(step.state).toBe(STEP_STATE[row.decision]);

      const transactionId = status.transactionId!;
      const reviews = await kit.rows<{ state: string }>(
        'jumio_review',
        `"scan_transaction_id" = '${transactionId}'`,
      );
      const events = await kit.rows<{ event_type: string }>(
        'jumio_outbox_event',
        `"scan_transaction_id" = '${transactionId}' AND "event_type" = 'review-required'`,
      );
      if (row.decision === 'REVIEW') {
        expect(reviews).toMatchObject([{ state: 'OPEN' }]);
        expect(events).toHaveLength(1);
        // The step waits for the reviewer: no new start meanwhile.
        expect((await start(user, row.step)).status).toBe(409);
      } else {
        expect(reviews).toEqual([]);
        expect(events).toEqual([]);
      }

      if (row.decision === 'RETRY') {
        // The step reopens; an abandoned capture did not use up the attempt.
        expect((await start(user, row.step)).status).toBe(200);
        expect((await user.status(row.step)).attempts).toBe(row.counted ? 2 : 1);
      }
    },
  );
});
