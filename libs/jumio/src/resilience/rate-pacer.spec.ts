import { PacerFullError, RatePacer } from './rate-pacer';

describe('RatePacer', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
    jest.useFakeTimers({ now });
  });
  afterEach(() => jest.useRealTimers());

  /** Starts `count` takes at the current time; returns when each was released (fake time). */
  function takeMany(pacer: RatePacer, count: number) {
    const released: number[] = [];
    const refused: number[] = [];
    const all = Array.from({ length: count }, () =>
      pacer.take().then(
        () => released.push(Date.now()),
        (error: unknown) => {
          if (!(error instanceof PacerFullError)) throw error;
          refused.push(error.retryAfterSeconds);
        },
      ),
    );
    return { released, refused, all: Promise.all(all) };
  }

  it('lets `limit` calls through at once, queues the next window, refuses beyond the queue limit', async () => {
    const pacer = new RatePacer(5, 5000, 5000, clock);
    const run = takeMany(pacer, 20);
    await jest.advanceTimersByTimeAsync(5000);
    now += 5000;
    await run.all;
    expect(run.released).toHaveLength(10);
    expect(run.released.filter((at) => at === 1_000_000)).toHaveLength(5);
    expect(run.released.filter((at) => at === 1_005_000)).toHaveLength(5);
    expect(run.refused).toEqual(Array(10).fill(10));
  });

  it('never puts more than `limit` calls into any window', () => {
    const pacer = new RatePacer(3, 1000, 60_000, clock);
    for (let i = 0; i < 30; i++) {
      now += (i * 137) % 400;
      void pacer.take();
    }
    // The reserved slots are the schedule the callers are released on.
    const schedule = (pacer as unknown as { slots: number[] }).slots;
    expect(schedule.length).toBeGreaterThan(3);
    for (let i = 3; i < schedule.length; i++) {
      expect(schedule[i] - schedule[i - 3]).toBeGreaterThanOrEqual(1000);
    }
  });

  it('with a zero queue limit refuses at once once the window is full', async () => {
    const pacer = new RatePacer(1, 5000, 0, clock);
    await pacer.take();
    await expect(pacer.take()).rejects.toEqual(new PacerFullError(5));
  });

  it('stops waiting when the signal aborts', async () => {
    const pacer = new RatePacer(1, 5000, 5000, clock);
    await pacer.take();
    const controller = new AbortController();
    const waiting = pacer.take(controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
  });
});
