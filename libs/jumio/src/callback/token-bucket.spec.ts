import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
    now = 100; // 1 token back
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 10_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
  });
});
