import { DEFAULT_DECISION_POLICY, resolveDecisionPolicy } from '../../transaction/decision-policy';
import {
  decideDocument,
  decideNetverify,
  parseValidity,
  rejectReasonCodes,
} from './verification-decision';
import type { NetverifyFacts } from '../../persistence/netverify-facts';

const NOW = new Date('2026-06-15T12:00:00Z');
const APPROVED = { verificationStatus: 'APPROVED_VERIFIED', idScanStatus: 'SUCCESS' };
const FACE_OK = { similarity: 'MATCH', validity: true };

describe('decideNetverify (the decision table, docs/decisions.md)', () => {
  it.each<[string, NetverifyFacts, string, string[]]>([
    ['approved with a face match', { ...APPROVED, identityVerification: FACE_OK }, 'APPROVED', []],
    [
      'approved, validity as a retrieval string',
      { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: 'TRUE' } },
      'APPROVED',
      [],
    ],
    ['approved without face check', APPROVED, 'REVIEW', ['IDENTITY_VERIFICATION_MISSING']],
    [
      'approved with an empty face check',
      { ...APPROVED, identityVerification: {} },
      'REVIEW',
      ['IDENTITY_VERIFICATION_MISSING'],
    ],
    [
      'idScanStatus contradicts the approval',
      { ...APPROVED, idScanStatus: 'ERROR', identityVerification: FACE_OK },
      'REVIEW',
      ['INCONSISTENT_ID_SCAN_STATUS'],
    ],
    [
      'similarity NO_MATCH',
      { ...APPROVED, identityVerification: { similarity: 'NO_MATCH', validity: true } },
      'REJECTED',
      ['SIMILARITY_NO_MATCH'],
    ],
    [
      'similarity NOT_POSSIBLE',
      { ...APPROVED, identityVerification: { similarity: 'NOT_POSSIBLE', validity: true } },
      'RETRY',
      ['SIMILARITY_NOT_POSSIBLE'],
    ],
    ...['BAD_QUALITY', 'FACE_NOT_FULLY_VISIBLE', 'NO_FACE_PRESENT', 'BLACK_AND_WHITE'].map(
      (reason): [string, NetverifyFacts, string, string[]] => [
        `validity FALSE for quality (${reason})`,
        { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: 'false', reason } },
        'RETRY',
        [`LIVENESS_${reason}`],
      ],
    ),
    ...[
      'SELFIE_IS_SCREEN_PAPER_VIDEO',
      'SELFIE_MANIPULATED',
      'SELFIE_CROPPED_FROM_ID',
      'ENTIRE_ID_USED_AS_SELFIE',
    ].map((reason): [string, NetverifyFacts, string, string[]] => [
      `validity FALSE for fraud (${reason})`,
      { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: false, reason } },
      'REJECTED',
      [`LIVENESS_${reason}`],
    ]),
    ...['MULTIPLE_PEOPLE', 'AGE_DIFFERENCE_TOO_BIG', 'LIVENESS_FAILED', 'SOMETHING_NEW'].map(
      (reason): [string, NetverifyFacts, string, string[]] => [
        `validity FALSE, ambiguous (${reason})`,
        { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: false, reason } },
        'REVIEW',
        [reason.startsWith('LIVENESS_') ? reason : `LIVENESS_${reason}`],
      ],
    ),
    [
      'validity FALSE without reason',
      { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: false } },
      'REVIEW',
      ['LIVENESS_FAILED'],
    ],
    [
      'fraud outranks quality',
      {
        ...APPROVED,
        identityVerification: { similarity: 'NO_MATCH', validity: false, reason: 'BAD_QUALITY' },
      },
      'REJECTED',
      ['SIMILARITY_NO_MATCH', 'LIVENESS_BAD_QUALITY'],
    ],
    [
      'unknown validity',
      { ...APPROVED, identityVerification: { similarity: 'MATCH', validity: 'yes' } },
      'REVIEW',
      ['UNKNOWN_VALIDITY'],
    ],
    [
      'unknown similarity',
      { ...APPROVED, identityVerification: { similarity: 'PROBABLY', validity: true } },
      'REVIEW',
      ['UNKNOWN_SIMILARITY'],
    ],
    [
      'expired ID',
      { ...APPROVED, identityVerification: FACE_OK, expiryDate: '2026-06-14' },
      'RETRY',
      ['ID_EXPIRED'],
    ],
    [
      'ID expiring today',
      { ...APPROVED, identityVerification: FACE_OK, expiryDate: '2026-06-15' },
      'APPROVED',
      [],
    ],
    [
      'unreadable expiry',
      { ...APPROVED, identityVerification: FACE_OK, expiryDate: '15.06.2026' },
      'REVIEW',
      ['ID_EXPIRY_UNREADABLE'],
    ],
    [
      'watchlist hit',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { watchlistScreening: { searchStatus: 'DONE', searchResults: '2' } },
      },
      'REVIEW',
      ['WATCHLIST_HIT'],
    ],
    [
      'watchlist clear (callback spelling, JSON string)',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: '{"watchListScreening":{"searchStatus":"DONE","searchResults":0}}',
      },
      'APPROVED',
      [],
    ],
    [
      'watchlist not done',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { watchlistScreening: { searchStatus: 'NOT_DONE' } },
      },
      'APPROVED',
      [],
    ],
    [
      'watchlist error',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { watchlistScreening: { searchStatus: 'ERROR' } },
      },
      'REVIEW',
      ['WATCHLIST_SCREENING_ERROR'],
    ],
    [
      '1:n face search finding',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { faceSearchFindings: { status: 'DONE', findings: ['ref-1'] } },
      },
      'REVIEW',
      ['FACE_SEARCH_MATCH'],
    ],
    [
      '1:n face search without findings',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { faceSearchFindings: { status: 'DONE', findings: [] } },
      },
      'APPROVED',
      [],
    ],
    [
      '1:n face search pending',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { faceSearchFindings: { status: 'PENDING' } },
      },
      'REVIEW',
      ['FACE_SEARCH_INCOMPLETE'],
    ],
    [
      'address validation negative',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { addressValidation: { searchResults: 'NEGATIVE_RESULT' } },
      },
      'REVIEW',
      ['ADDRESS_VALIDATION_NEGATIVE_RESULT'],
    ],
    ...(
      [
        [{ watchlistScreening: { searchStatus: 'DONE' } }, 'WATCHLIST_SCREENING_UNKNOWN'],
        [{ watchlistScreening: { searchStatus: 'MAYBE' } }, 'WATCHLIST_SCREENING_UNKNOWN'],
        [{ faceSearchFindings: { status: 'ERROR' } }, 'FACE_SEARCH_INCOMPLETE'],
        [{ faceSearchFindings: { status: 'LATER' } }, 'FACE_SEARCH_UNKNOWN'],
        [
          { proofOfResidency: { searchResults: 'PARTIAL_RESULT' } },
          'PROOF_OF_RESIDENCY_PARTIAL_RESULT',
        ],
        [{ addressValidation: { searchResults: 'SOMETIMES' } }, 'ADDRESS_VALIDATION_UNKNOWN'],
      ] as const
    ).map(([additionalChecks, reason]): [string, NetverifyFacts, string, string[]] => [
      `additional check ${reason}`,
      { ...APPROVED, identityVerification: FACE_OK, additionalChecks },
      'REVIEW',
      [reason],
    ]),
    [
      'checks not done or unknown to the module add nothing',
      {
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: {
          addressValidation: { searchResults: 'CHECK_NOT_DONE' },
          proofOfResidency: { searchResults: 'POSITIVE_RESULT' },
          personalNumberValidation: { anything: 'at all' },
        },
      },
      'APPROVED',
      [],
    ],
    ['DENIED_FRAUD', { verificationStatus: 'DENIED_FRAUD' }, 'REJECTED', ['DENIED_FRAUD']],
    [
      'DENIED_UNSUPPORTED_ID_TYPE',
      { verificationStatus: 'DENIED_UNSUPPORTED_ID_TYPE' },
      'RETRY',
      ['DENIED_UNSUPPORTED_ID_TYPE'],
    ],
    [
      'DENIED_UNSUPPORTED_ID_COUNTRY',
      { verificationStatus: 'DENIED_UNSUPPORTED_ID_COUNTRY' },
      'RETRY',
      ['DENIED_UNSUPPORTED_ID_COUNTRY'],
    ],
    ['NO_ID_UPLOADED', { verificationStatus: 'NO_ID_UPLOADED' }, 'RETRY', ['NO_ID_UPLOADED']],
    ...['APPROVED_VERIFED', 'approved_verified', 'DENIED_SOMETHING_NEW'].map(
      (verificationStatus): [string, NetverifyFacts, string, string[]] => [
        `unknown status ${verificationStatus}`,
        { verificationStatus },
        'REVIEW',
        ['UNKNOWN_STATUS'],
      ],
    ),
  ])('%s', (_row, facts, decision, reasons) => {
    expect(decideNetverify(facts, DEFAULT_DECISION_POLICY, NOW)).toEqual({ decision, reasons });
  });

  it('follows the workflow: an ID-only workflow (1xx) approves without face check', () => {
    const idOnly = resolveDecisionPolicy({}, 100);
    expect(decideNetverify(APPROVED, idOnly, NOW)).toEqual({ decision: 'APPROVED', reasons: [] });
    // A face check Jumio did run still counts.
    expect(
      decideNetverify(
        { ...APPROVED, identityVerification: { similarity: 'NO_MATCH', validity: true } },
        idOnly,
        NOW,
      ).decision,
    ).toBe('REJECTED');
  });

  it('applies the configurable rows of decisionPolicy', () => {
    const strict = resolveDecisionPolicy({
      unsupportedIdType: 'REJECTED',
      unsupportedIdCountry: 'REVIEW',
      expiredId: 'REJECTED',
      additionalChecksHit: 'REJECTED',
    });
    const decide = (facts: NetverifyFacts) => decideNetverify(facts, strict, NOW).decision;
    expect(decide({ verificationStatus: 'DENIED_UNSUPPORTED_ID_TYPE' })).toBe('REJECTED');
    expect(decide({ verificationStatus: 'DENIED_UNSUPPORTED_ID_COUNTRY' })).toBe('REVIEW');
    expect(decide({ ...APPROVED, identityVerification: FACE_OK, expiryDate: '2020-01-01' })).toBe(
      'REJECTED',
    );
    expect(
      decide({
        ...APPROVED,
        identityVerification: FACE_OK,
        additionalChecks: { faceSearchFindings: { status: 'DONE', findings: 'ref-1' } },
      }),
    ).toBe('REJECTED');
  });

  it('keeps the reject reason and its details', () => {
    expect(
      decideNetverify({
        verificationStatus: 'DENIED_FRAUD',
        rejectReason: {
          rejectReasonCode: '100',
          rejectReasonDescription: 'MANIPULATED_DOCUMENT',
          rejectReasonDetails: [
            { detailsCode: '1001', detailsDescription: 'PHOTO' },
            { detailsCode: '1004', detailsDescription: 'DOB' },
          ],
        },
      }),
    ).toEqual({
      decision: 'REJECTED',
      reasons: [
        'DENIED_FRAUD',
        'REJECT_REASON_100_MANIPULATED_DOCUMENT',
        'REJECT_DETAIL_1001_PHOTO',
        'REJECT_DETAIL_1004_DOB',
      ],
    });
  });

  it('asks for a retry on an unreadable ID, with the reason', () => {
    expect(
      decideNetverify({
        verificationStatus: 'ERROR_NOT_READABLE_ID',
        rejectReason: {
          rejectReasonCode: 200,
          rejectReasonDescription: 'NOT_READABLE_DOCUMENT',
          rejectReasonDetails: { detailsCode: 2001, detailsDescription: 'BLURRED' },
        },
      }),
    ).toEqual({
      decision: 'RETRY',
      reasons: [
        'ERROR_NOT_READABLE_ID',
        'REJECT_REASON_200_NOT_READABLE_DOCUMENT',
        'REJECT_DETAIL_2001_BLURRED',
      ],
    });
  });
});

describe('decideDocument', () => {
  it.each([
    [{ transactionStatus: 'DONE', documentStatus: 'EXTRACTED' }, 'APPROVED', []],
    [{ transactionStatus: 'DONE', documentStatus: 'UPLOADED' }, 'APPROVED', []],
    [{ transactionStatus: 'DONE', documentStatus: 'DISCARDED' }, 'RETRY', ['DOCUMENT_DISCARDED']],
    [{ transactionStatus: 'FAILED' }, 'RETRY', ['TRANSACTION_FAILED']],
    [{ transactionStatus: 'FAILED', documentStatus: 'UPLOADED' }, 'RETRY', ['TRANSACTION_FAILED']],
    [{ transactionStatus: 'DONE' }, 'PENDING', []],
    [{}, 'PENDING', []],
    [{ transactionStatus: 'PENDING', documentStatus: 'EXTRACTED' }, 'PENDING', []],
    [{ transactionStatus: 'DONE', documentStatus: 'VERIFIED' }, 'REVIEW', ['UNKNOWN_STATUS']],
    [
      { transactionStatus: 'HALF_DONE', documentStatus: 'EXTRACTED' },
      'PENDING',
      ['UNKNOWN_STATUS'],
    ],
  ])('decides %j as %s', (facts, decision, reasons) => {
    expect(decideDocument(facts)).toEqual({ decision, reasons });
  });
});

describe('parseValidity', () => {
  it.each([
    [true, true],
    ['true', true],
    ['TRUE', true],
    ['True', true],
    [false, false],
    ['false', false],
    ['FALSE', false],
    ['', undefined],
    ['1', undefined],
    [1, undefined],
    [undefined, undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(parseValidity(value)).toBe(expected);
  });
});

describe('rejectReasonCodes', () => {
  it('copes with a code without description and with empty details', () => {
    expect(rejectReasonCodes({ rejectReasonCode: '300', rejectReasonDetails: [] })).toEqual([
      'REJECT_REASON_300',
    ]);
  });

  it('turns odd characters into underscores', () => {
    expect(
      rejectReasonCodes({ rejectReasonCode: '107', rejectReasonDescription: 'photo mismatch!' }),
    ).toEqual(['REJECT_REASON_107_PHOTO_MISMATCH']);
  });

  it('gives nothing without a reject reason or code', () => {
    expect(rejectReasonCodes(undefined)).toEqual([]);
    expect(rejectReasonCodes({ rejectReasonDescription: 'FAKE' })).toEqual([]);
  });
});
