import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { expiryDeadline } from './expiry.rules';

const createdAt = new Date('2025-01-01T10:00:00Z');
const open = {
  status: 'PENDING',
  openKey: 'u:POI',
  createdAt,
  tokenExpiresAt: null,
} as ScanTransaction;

describe('expiryDeadline', () => {
  it('web: token expiry + 15 min inactivity + 15 min grace', () => {
    const tx = { ...open, tokenExpiresAt: new Date('2025-01-01T10:30:00Z') };
    expect(expiryDeadline(tx, 30 * 60_000)?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
  });

  it('mobile (no token): the configured token lifetime from the start stands in for it', () => {
    expect(expiryDeadline(open, 60 * 60_000)?.toISOString()).toBe('2025-01-01T11:30:00.000Z');
  });

  it.each([
    ['uploaded (Jumio’s result is awaited)', { status: 'SUCCESS' }],
    ['closed', { openKey: null }],
  ])('never for a transaction %s', (_case, change) => {
    expect(expiryDeadline({ ...open, ...change } as ScanTransaction, 30 * 60_000)).toBeNull();
  });
});
