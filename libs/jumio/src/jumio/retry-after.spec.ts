import { parseRetryAfterSeconds } from './retry-after';

describe('parseRetryAfterSeconds', () => {
  const now = new Date('2024-05-02T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterSeconds('30', now)).toBe(30);
    expect(parseRetryAfterSeconds(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfterSeconds('Thu, 02 May 2024 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfterSeconds('Thu, 02 May 2024 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterSeconds(undefined, now)).toBeUndefined();
    expect(parseRetryAfterSeconds('-5', now)).toBeUndefined();
    expect(parseRetryAfterSeconds('soon', now)).toBeUndefined();
    expect(parseRetryAfterSeconds(['1', '2'], now)).toBeUndefined();
  });
});
