import { JumioErrorCode } from '../common/jumio.error';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import {
  MAX_ATTEMPTS_REASON,
  planClientReport,
  planResult,
  planStart,
  REUSE_MARGIN_MS,
  resultMatchesTransaction,
} from './scan-transaction.rules';
import type { JumioResult } from '../persistence/verification.types';

const NOW = new Date('2025-01-01T12:00:00Z');

function tx(overrides: Partial<ScanTransaction> = {}): ScanTransaction {
  return {
    id: 'tx-1',
    userId: 'u',
    type: 'POI',
    channel: 'WEB',
    status: 'PENDING',
    jumioReference: 'ref-1',
    customerInternalReference: 'cir-1',
    userReference: 'ur-1',
    callbackTokenHash: 'h',
    requestFingerprint: 'fp',
    redirectUrl: 'https://jumio.example/web/v4/app',
    tokenExpiresAt: new Date(NOW.getTime() + 30 * 60_000),
    documentType: null,
    country: null,
    locale: null,
    errorCode: null,
    attempt: 1,
    decision: null,
    jumioStatus: null,
    reasons: null,
    completedAt: null,
    openKey: 'u:POI',
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ...overrides,
  };
}

function result(overrides: Partial<JumioResult> = {}): JumioResult {
  return {
    product: 'NETVERIFY',
    jumioReference: 'ref-1',
    customerInternalReference: 'cir-1',
    jumioStatus: 'ERROR_NOT_READABLE_ID',
    decision: 'RETRY',
    reasons: ['ERROR_NOT_READABLE_ID'],
    extracted: null,
    reportedAt: null,
    ...overrides,
  };
}

describe('planStart', () => {
  const web = { channel: 'WEB' as const, fingerprint: 'fp' };

  it('reuses an open web transaction with the same request and a token that is still valid', () => {
    expect(planStart(tx(), web, NOW).kind).toBe('reuse');
  });

  it('replaces it when the token is about to expire, the request differs, or the channel differs', () => {
    const expiring = tx({ tokenExpiresAt: new Date(NOW.getTime() + REUSE_MARGIN_MS - 1) });
    expect(planStart(expiring, web, NOW)).toEqual({ kind: 'create', replaces: expiring });
    expect(planStart(tx(), { ...web, fingerprint: 'other' }, NOW).kind).toBe('create');
    expect(planStart(tx(), { channel: 'MOBILE', fingerprint: null }, NOW).kind).toBe('create');
  });

  it('refuses once the upload finished, or the step is approved or exhausted', () => {
    const code = (current: ScanTransaction) => {
      try {
        planStart(current, web, NOW);
      } catch (error) {
        return (error as { code: JumioErrorCode }).code;
      }
      return undefined;
    };
    expect(code(tx({ status: 'SUCCESS', decision: 'PENDING' }))).toBe(JumioErrorCode.INVALID_STATE);
    expect(code(tx({ decision: 'APPROVED', openKey: null }))).toBe(JumioErrorCode.INVALID_STATE);
    expect(code(tx({ decision: 'REJECTED', reasons: JSON.stringify([MAX_ATTEMPTS_REASON]) }))).toBe(
      JumioErrorCode.ATTEMPTS_EXHAUSTED,
    );
  });

  it('starts fresh after a closed attempt (RETRY or client ERROR)', () => {
    expect(planStart(tx({ decision: 'RETRY', openKey: null }), web, NOW)).toEqual({
      kind: 'create',
      replaces: null,
    });
  });
});

describe('planResult', () => {
  it('RETRY reopens the step below the limit and goes to manual review at it (or REJECTED by policy)', () => {
    expect(planResult(tx({ attempt: 1 }), result(), 2, NOW)).toMatchObject({
      decision: 'RETRY',
      status: 'NOT_STARTED_YET',
      openKey: null,
    });
    const last = planResult(tx({ attempt: 2 }), result(), 2, NOW);
    expect(last).toMatchObject({ decision: 'REVIEW', status: 'SUCCESS', openKey: null });
    expect(JSON.parse(last.reasons!)).toContain(MAX_ATTEMPTS_REASON);
    const rejected = planResult(tx({ attempt: 2 }), result(), 2, NOW, 'REJECTED');
    expect(rejected).toMatchObject({ decision: 'REJECTED', status: 'SUCCESS', openKey: null });
  });

  it('an abandoned capture (NO_ID_UPLOADED) never uses up the last attempt', () => {
    const abandoned = result({ jumioStatus: 'NO_ID_UPLOADED', reasons: ['NO_ID_UPLOADED'] });
    expect(planResult(tx({ attempt: 3 }), abandoned, 3, NOW)).toMatchObject({
      decision: 'RETRY',
      status: 'NOT_STARTED_YET',
      reasons: '["NO_ID_UPLOADED"]',
    });
  });

  it('REVIEW closes the transaction for a person to decide', () => {
    expect(
      planResult(tx(), result({ decision: 'REVIEW', reasons: ['WATCHLIST_HIT'] }), 3, NOW),
    ).toMatchObject({ decision: 'REVIEW', status: 'SUCCESS', openKey: null, completedAt: NOW });
  });

  it('fills in a missing Jumio reference; a PENDING result records only its status word and reasons', () => {
    expect(
      planResult(
        tx({ jumioReference: null }),
        result({ decision: 'PENDING', reasons: [] }),
        3,
        NOW,
      ),
    ).toEqual({
      jumioStatus: 'ERROR_NOT_READABLE_ID',
      jumioReference: 'ref-1',
      reasons: '[]',
    });
  });

  it('a PENDING result records why it waits, and leaves the transaction open', () => {
    const waiting = result({
      product: 'DOCUMENT',
      jumioStatus: 'EXTRACTED',
      decision: 'PENDING',
      reasons: ['POA_AWAITING_POI'],
    });
    expect(
      planResult(tx({ type: 'POA', status: 'SUCCESS', decision: 'PENDING' }), waiting, 3, NOW),
    ).toEqual({
      jumioStatus: 'EXTRACTED',
      reasons: '["POA_AWAITING_POI"]',
    });
  });
});

describe('planClientReport', () => {
  it('SUCCESS marks the upload finished; repeated or late reports change nothing', () => {
    expect(planClientReport(tx(), 'SUCCESS', null)).toMatchObject({
      status: 'SUCCESS',
      decision: 'PENDING',
    });
    expect(
      planClientReport(tx({ status: 'SUCCESS', decision: 'PENDING' }), 'SUCCESS', null),
    ).toBeNull();
    expect(planClientReport(tx({ decision: 'RETRY', openKey: null }), 'SUCCESS', null)).toBeNull();
  });

  it('ERROR closes an unfinished attempt but never undoes a finished upload', () => {
    expect(planClientReport(tx(), 'ERROR', '9100')).toEqual({
      status: 'NOT_STARTED_YET',
      errorCode: '9100',
      openKey: null,
    });
    expect(
      planClientReport(tx({ status: 'SUCCESS', decision: 'PENDING' }), 'ERROR', null),
    ).toBeNull();
  });
});

describe('resultMatchesTransaction', () => {
  it('needs the same product and Jumio reference, or our reference while Jumio’s is unknown', () => {
    expect(resultMatchesTransaction(tx(), result())).toBe(true);
    expect(resultMatchesTransaction(tx(), result({ jumioReference: 'ref-2' }))).toBe(false);
    expect(resultMatchesTransaction(tx(), result({ product: 'DOCUMENT' }))).toBe(false);
    expect(
      resultMatchesTransaction(tx({ jumioReference: null }), result({ jumioReference: 'ref-9' })),
    ).toBe(true);
    expect(
      resultMatchesTransaction(
        tx({ jumioReference: null }),
        result({ customerInternalReference: 'other' }),
      ),
    ).toBe(false);
  });

  it('refuses a result whose customerInternalReference is another transaction’s, even with the same Jumio reference', () => {
    // Another user's scanReference linked through the app: Jumio's answer still names its real owner.
    expect(resultMatchesTransaction(tx(), result({ customerInternalReference: 'cir-2' }))).toBe(
      false,
    );
    expect(resultMatchesTransaction(tx(), result({ customerInternalReference: undefined }))).toBe(
      true,
    );
  });
});
