import {
  decideDocument,
  decideNetverify,
  parseValidity,
  rejectReasonCodes,
} from './verification-decision';

describe('decideNetverify', () => {
  it('approves APPROVED_VERIFIED without identity verification', () => {
    expect(
      decideNetverify({ verificationStatus: 'APPROVED_VERIFIED', idScanStatus: 'SUCCESS' }),
    ).toEqual({
      decision: 'APPROVED',
      reasons: [],
    });
  });

  it('approves APPROVED_VERIFIED when the face matches and is live', () => {
    expect(
      decideNetverify({
        verificationStatus: 'APPROVED_VERIFIED',
        identityVerification: { similarity: 'MATCH', validity: 'TRUE' },
      }),
    ).toEqual({ decision: 'APPROVED', reasons: [] });
  });

  it.each([
    [{ similarity: 'NO_MATCH', validity: true }, ['SIMILARITY_NO_MATCH']],
    [{ similarity: 'NOT_POSSIBLE', validity: true }, ['SIMILARITY_NOT_POSSIBLE']],
    [
      { similarity: 'MATCH', validity: 'false', reason: 'SELFIE_IS_SCREEN_PAPER_VIDEO' },
      ['LIVENESS_SELFIE_IS_SCREEN_PAPER_VIDEO'],
    ],
    [{ similarity: 'MATCH', validity: false, reason: 'LIVENESS_FAILED' }, ['LIVENESS_FAILED']],
    [{ similarity: 'MATCH', validity: false }, ['LIVENESS_FAILED']],
    [
      { similarity: 'NO_MATCH', validity: 'FALSE', reason: 'MULTIPLE_PEOPLE' },
      ['SIMILARITY_NO_MATCH', 'LIVENESS_MULTIPLE_PEOPLE'],
    ],
  ])(
    'rejects a document that passed when identity verification says %j',
    (identityVerification, reasons) => {
      expect(
        decideNetverify({ verificationStatus: 'APPROVED_VERIFIED', identityVerification }),
      ).toEqual({
        decision: 'REJECTED',
        reasons,
      });
    },
  );

  it.each([
    [{ similarity: 'MATCH' }, ['UNKNOWN_VALIDITY']],
    [{ similarity: 'MATCH', validity: 'yes' }, ['UNKNOWN_VALIDITY']],
    [{ validity: true }, ['UNKNOWN_SIMILARITY']],
    [{ similarity: 'PROBABLY', validity: true }, ['UNKNOWN_SIMILARITY']],
  ])('never approves an incomplete identity verification %j', (identityVerification, reasons) => {
    expect(
      decideNetverify({ verificationStatus: 'APPROVED_VERIFIED', identityVerification }),
    ).toEqual({
      decision: 'PENDING',
      reasons,
    });
  });

  it('does not approve when idScanStatus contradicts APPROVED_VERIFIED', () => {
    expect(
      decideNetverify({ verificationStatus: 'APPROVED_VERIFIED', idScanStatus: 'ERROR' }),
    ).toEqual({
      decision: 'PENDING',
      reasons: ['INCONSISTENT_ID_SCAN_STATUS'],
    });
  });

  it('rejects DENIED_FRAUD with the reject reason and its details', () => {
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

  it.each(['DENIED_UNSUPPORTED_ID_TYPE', 'DENIED_UNSUPPORTED_ID_COUNTRY', 'DENIED_SOMETHING_NEW'])(
    'rejects %s',
    (verificationStatus) => {
      expect(decideNetverify({ verificationStatus })).toEqual({
        decision: 'REJECTED',
        reasons: [verificationStatus],
      });
    },
  );

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

  it('asks for a retry when nothing was uploaded', () => {
    expect(decideNetverify({ verificationStatus: 'NO_ID_UPLOADED' })).toEqual({
      decision: 'RETRY',
      reasons: ['NO_ID_UPLOADED'],
    });
  });

  it.each(['APPROVED_VERIFED', 'approved_verified', 'SOMETHING_ELSE'])(
    'waits on an unknown status such as %s',
    (verificationStatus) => {
      expect(decideNetverify({ verificationStatus })).toEqual({
        decision: 'PENDING',
        reasons: ['UNKNOWN_STATUS'],
      });
    },
  );
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
    [{ transactionStatus: 'DONE', documentStatus: 'VERIFIED' }, 'PENDING', ['UNKNOWN_STATUS']],
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
