import { backoffMs, CALLBACK_BACKOFF, ERASURE_BACKOFF, OUTBOX_BACKOFF } from './backoff';

describe('backoffMs', () => {
  it('doubles from the first wait with each try, up to the cap', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(OUTBOX_BACKOFF, { attempts }))).toEqual([
      2_000, 4_000, 8_000, 16_000,
    ]);
    expect(backoffMs(OUTBOX_BACKOFF, { attempts: 40 })).toBe(60 * 60_000);
    expect(backoffMs(ERASURE_BACKOFF, { attempts: 1 })).toBe(60_000);
    expect(backoffMs(ERASURE_BACKOFF, { attempts: 0 })).toBe(60_000);
    expect(backoffMs(ERASURE_BACKOFF, { attempts: 30 })).toBe(6 * 60 * 60_000);
  });

  it('by age: waits as long as the work is old, within the first wait and the cap', () => {
    expect(backoffMs(CALLBACK_BACKOFF, { ageMs: 1_000 })).toBe(30_000);
    expect(backoffMs(CALLBACK_BACKOFF, { ageMs: 5 * 60_000 })).toBe(5 * 60_000);
    expect(backoffMs(CALLBACK_BACKOFF, { ageMs: 5 * 60 * 60_000 })).toBe(60 * 60_000);
  });
});
