import { PacerFullError, RatePacer } from './rate-pacer';

describe('RatePacer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** Takes a turn, "calls Jumio" for `latencyMs`, and records when it was sent, or its refusal. */
  function call(pacer: RatePacer, log: { sent: number[]; refused: number[] }, latencyMs: number) {
    return pacer.take().then(
      async (done) => {
        log.sent.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        done();
      },
      (error: unknown) => {
        if (!(error instanceof PacerFullError)) throw error;
        log.refused.push(error.retryAfterSeconds);
      },
    );
  }

  it('20 at once under 5 per 5 s: 5 at once, 5 after the window, 10 refused with a wait', async () => {
    const pacer = new RatePacer(5, 5000, 5000);
    const log = { sent: [] as number[], refused: [] as number[] };
    const all = Promise.all(Array.from({ length: 20 }, () => call(pacer, log, 300)));
    await jest.advanceTimersByTimeAsync(20_000);
    await all;
    expect(log.sent).toHaveLength(10);
    expect(log.sent.filter((at) => at === 1_000_000)).toHaveLength(5);
    // The window is counted from the answers (300 ms latency): the next five leave 5.3 s later.
    expect(log.sent.filter((at) => at === 1_005_300)).toHaveLength(5);
    expect(log.refused).toEqual(Array(10).fill(10));
  });

  it('keeps calls sharing a turn a full window apart from answer to next send, whatever the latency', async () => {
    const pacer = new RatePacer(3, 1000, 60_000);
    const log = { sent: [] as number[], refused: [] as number[] };
    const latencies = [5, 400, 30, 900, 10, 250, 700, 50, 120, 600, 20, 80];
    const all = Promise.all(latencies.map((latency) => call(pacer, log, latency)));
    await jest.advanceTimersByTimeAsync(60_000);
    await all;
    expect(log.refused).toEqual([]);
    // Arrival at Jumio lies between send and answer: any 4 consecutive sends span more than a window.
    for (let i = 3; i < log.sent.length; i++) {
      expect(log.sent[i] - log.sent[i - 3]).toBeGreaterThanOrEqual(1000);
    }
  });

  it('with a zero queue limit refuses at once while every turn is held', async () => {
    const pacer = new RatePacer(1, 5000, 0);
    const done = await pacer.take();
    await expect(pacer.take()).rejects.toEqual(new PacerFullError(5));
    done();
    await expect(pacer.take()).rejects.toBeInstanceOf(PacerFullError);
    await jest.advanceTimersByTimeAsync(5000);
    await expect(pacer.take()).resolves.toEqual(expect.any(Function));
  });

  it('stops waiting when the signal aborts, and the queue moves on without it', async () => {
    const pacer = new RatePacer(1, 5000, 10_000);
    const done = await pacer.take();
    const controller = new AbortController();
    const abandoned = pacer.take(controller.signal);
    const next = pacer.take();
    controller.abort(new Error('deadline'));
    await expect(abandoned).rejects.toThrow('deadline');
    done();
    await jest.advanceTimersByTimeAsync(5000);
    await expect(next).resolves.toEqual(expect.any(Function));
  });
});
