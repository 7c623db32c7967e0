import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import type { TransactionChanges } from './scan-transaction.rules';
import { eventTypeForChange, type ScanTransactionEventType } from './scan-transaction-event';

const before = { id: 't', status: 'PENDING' } as ScanTransaction;

describe('eventTypeForChange', () => {
  it('a new transaction is started', () => {
    expect(eventTypeForChange(null, {})).toBe('started');
  });

  it.each<[string, TransactionChanges, ScanTransactionEventType | null]>([
    ['upload finished', { status: 'SUCCESS', decision: 'PENDING', errorCode: null }, 'uploaded'],
    ['approved', { decision: 'APPROVED', status: 'SUCCESS', openKey: null }, 'verified'],
    ['rejected', { decision: 'REJECTED', status: 'SUCCESS', openKey: null }, 'rejected'],
    ['retry', { decision: 'RETRY', status: 'NOT_STARTED_YET', openKey: null }, 'retry'],
    ['expired', { status: 'NOT_STARTED_YET', errorCode: 'EXPIRED', openKey: null }, 'expired'],
    ['client error', { status: 'NOT_STARTED_YET', errorCode: '9210', openKey: null }, null],
    ['replaced by a newer start', { openKey: null }, null],
    ['Jumio status word only', { jumioStatus: 'PENDING' }, null],
    ['reference learned', { jumioReference: 'abc' }, null],
  ])('%s', (_case, changes, expected) => {
    expect(eventTypeForChange(before, changes)).toBe(expected);
  });
});
