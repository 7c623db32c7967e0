import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import { JumioCallPolicies, type JumioCallShape } from './jumio-call-policies';

const GET: JumioCallShape = {
  baseUrl: 'http://jumio.test',
  retrySafe: true,
  description: 'Jumio GET http://jumio.test/api/netverify/v2/scans/:scanReference',
};
const INITIATE: JumioCallShape = {
  baseUrl: 'http://jumio.test',
  retrySafe: false,
  description: 'Jumio POST http://jumio.test/api/v4/initiate',
};

const unavailable = () => new JumioError(JumioErrorCode.JUMIO_UNAVAILABLE, 'HTTP 503', 503);
const rateLimited = (seconds?: number) =>
  new JumioError(JumioErrorCode.JUMIO_RATE_LIMITED, 'HTTP 429', 429, seconds);

/** An attempt that fails with the given errors in turn, then answers "ok"; counts its calls. */
function failing(...errors: Error[]) {
  const attempt = async () => {
    attempt.calls += 1;
    const error = errors[attempt.calls - 1];
    if (error) throw error;
    return 'ok';
  };
  attempt.calls = 0;
  return attempt;
}

const fast = { retryInitialDelayMs: 5, retryMaxDelayMs: 20 };

describe('JumioCallPolicies', () => {
  it('retries a retry-safe call on 5xx and returns the later success', async () => {
    const policies = new JumioCallPolicies(fast);
    const attempt = failing(unavailable(), unavailable());
    await expect(policies.execute(GET, attempt)).resolves.toBe('ok');
    expect(attempt.calls).toBe(3);
  });

  it('gives up after httpAttempts with the last JumioError', async () => {
    const policies = new JumioCallPolicies({ ...fast, httpAttempts: 2 });
    const attempt = failing(unavailable(), unavailable(), unavailable());
    await expect(policies.execute(GET, attempt)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_UNAVAILABLE,
    });
    expect(attempt.calls).toBe(2);
  });

  it('never repeats a call that is not retry-safe (initiate, acquisitions)', async () => {
    const policies = new JumioCallPolicies(fast);
    for (const error of [unavailable(), rateLimited(0)]) {
      const attempt = failing(error);
      await expect(policies.execute(INITIATE, attempt)).rejects.toBe(error);
      expect(attempt.calls).toBe(1);
    }
  });

  it('does not retry 4xx answers other than 429, nor count them against the circuit', async () => {
    const policies = new JumioCallPolicies({ ...fast, breakerThreshold: 1 });
    const rejected = new JumioError(JumioErrorCode.JUMIO_REQUEST_REJECTED, 'HTTP 400', 400);
    const attempt = failing(rejected);
    await expect(policies.execute(GET, attempt)).rejects.toBe(rejected);
    expect(attempt.calls).toBe(1);
    expect(policies.circuits()).toEqual([
      { host: 'http://jumio.test', endpoint: 'all', state: 'closed' },
    ]);
  });

  it('waits what Retry-After asks before retrying a 429', async () => {
    const policies = new JumioCallPolicies(fast);
    const attempt = failing(rateLimited(1));
    const started = Date.now();
    await expect(policies.execute(GET, attempt)).resolves.toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(attempt.calls).toBe(2);
  });

  it('fails at once when Retry-After asks for more than maxRetryAfterMs', async () => {
    const policies = new JumioCallPolicies({ ...fast, maxRetryAfterMs: 1000 });
    const attempt = failing(rateLimited(120));
    const started = Date.now();
    await expect(policies.execute(GET, attempt)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_RATE_LIMITED,
      retryAfterSeconds: 120,
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(attempt.calls).toBe(1);
  });

  it('releases the caller at the deadline and aborts the hanging attempt', async () => {
    const policies = new JumioCallPolicies({ ...fast, deadlineMs: 300 });
    let aborted = false;
    const hang = (signal: AbortSignal) =>
      new Promise<string>(() => signal.addEventListener('abort', () => (aborted = true)));
    const started = Date.now();
    await expect(policies.execute(INITIATE, hang)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_UNAVAILABLE,
      message: expect.stringContaining('deadline of 300 ms'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('opens the host circuit after consecutive failures, fails fast, and closes after a good trial', async () => {
    const policies = new JumioCallPolicies({
      ...fast,
      httpAttempts: 1,
      breakerThreshold: 2,
      breakerHalfOpenAfterMs: 200,
    });
    for (let i = 0; i < 2; i++) {
      await expect(policies.execute(INITIATE, failing(unavailable()))).rejects.toBeInstanceOf(
        JumioError,
      );
    }
    const notSent = failing();
    await expect(policies.execute(GET, notSent)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_UNAVAILABLE,
      message: expect.stringContaining('fail fast'),
    });
    expect(notSent.calls).toBe(0);
    expect(policies.circuits()[0].state).toBe('open');

    await new Promise((resolve) => setTimeout(resolve, 250));
    const trial = failing();
    await expect(policies.execute(GET, trial)).resolves.toBe('ok');
    expect(trial.calls).toBe(1);
    expect(policies.circuits()[0].state).toBe('closed');
  });

  it('keeps one circuit per Jumio host', async () => {
    const policies = new JumioCallPolicies({ ...fast, httpAttempts: 1, breakerThreshold: 1 });
    await expect(policies.execute(INITIATE, failing(unavailable()))).rejects.toBeInstanceOf(
      JumioError,
    );
    const otherHost = { ...GET, baseUrl: 'http://retrieval.jumio.test/' };
    await expect(policies.execute(otherHost, failing())).resolves.toBe('ok');
    expect(policies.circuits()).toEqual([
      { host: 'http://jumio.test', endpoint: 'all', state: 'open' },
      { host: 'http://retrieval.jumio.test', endpoint: 'all', state: 'closed' },
    ]);
  });

  it('keeps one circuit per endpoint group: good status reads do not reset a failing start', async () => {
    const policies = new JumioCallPolicies({ ...fast, httpAttempts: 1, breakerThreshold: 3 });
    const start = { ...INITIATE, endpointGroup: 'initiate' };
    const status = { ...GET, endpointGroup: 'retrieval' };
    for (let i = 0; i < 3; i++) {
      await expect(policies.execute(start, failing(unavailable()))).rejects.toBeInstanceOf(
        JumioError,
      );
      await expect(policies.execute(status, failing())).resolves.toBe('ok');
    }
    expect(policies.circuits()).toEqual([
      { host: 'http://jumio.test', endpoint: 'initiate', state: 'open' },
      { host: 'http://jumio.test', endpoint: 'retrieval', state: 'closed' },
    ]);
  });
});
