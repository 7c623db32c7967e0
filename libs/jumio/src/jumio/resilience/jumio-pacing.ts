import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import type { PacingSettings } from '../../options/jumio-settings';
import { JUMIO_PACING_DEFAULTS } from '../../options/jumio-pacing.options';
import { PacerFullError, RatePacer } from './rate-pacer';

/** Clocks and timers are not exact: each window is kept this much longer than Jumio's. */
export const PACING_MARGIN_MS = 100;

/** Which of Jumio's limits a call counts against. Delete is not rate limited in Jumio's documentation. */
type Budget = 'starts' | 'retrievals';

export interface PacedCall {
  /** POST / PUT start a billed scan (legacy initiate / acquisitions, KYX account create / update). */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  baseUrl: string;
  /** For the error message, e.g. `Jumio POST https://netverify.com/api/v4/initiate`. */
  description: string;
}

/**
 * Paces calls to Jumio under its documented rate limits, one sliding window per budget and Jumio host:
 * billed starts (POST initiate / acquisitions; KYX POST / PUT accounts) and retrievals (GET). Callers queue briefly; one that would
 * wait longer than `maxQueueWaitMs` gets JUMIO_BUSY with a Retry-After, never a call that Jumio answers 429.
 */
export class JumioPacing {
  private readonly settings: PacingSettings;
  private readonly pacers = new Map<string, RatePacer>();

  /** `settings`: resolved (`JumioSettings.pacing`); what is left out takes its default. */
  constructor(settings: Partial<PacingSettings> = {}) {
    this.settings = { ...JUMIO_PACING_DEFAULTS, ...settings };
  }

  /**
   * Waits for the call's turn; returns `done`, to call once the answer is back (the turn's window starts
   * then). @throws JumioError JUMIO_BUSY when the queue is full.
   */
  async take(call: PacedCall, signal: AbortSignal): Promise<() => void> {
    const budget: Budget | undefined =
      call.method === 'POST' || call.method === 'PUT'
        ? 'starts'
        : call.method === 'GET'
          ? 'retrievals'
          : undefined;
    if (!budget) return () => undefined;
    try {
      return await this.pacerFor(budget, call.baseUrl).take(signal);
    } catch (error) {
      if (!(error instanceof PacerFullError)) throw error;
      throw new JumioError(
        JumioErrorCode.JUMIO_BUSY,
        `${call.description} was not sent: the ${budget} budget (${this.limitOf(budget)} per ` +
          `${this.settings.windowMs} ms) is used up; next slot in about ${error.retryAfterSeconds} s`,
        undefined,
        error.retryAfterSeconds,
      );
    }
  }

  private limitOf(budget: Budget): number {
    return budget === 'starts' ? this.settings.startsPerWindow : this.settings.retrievalsPerWindow;
  }

  private pacerFor(budget: Budget, baseUrl: string): RatePacer {
    const key = `${budget} ${originOf(baseUrl)}`;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new RatePacer(
        this.limitOf(budget),
        this.settings.windowMs + PACING_MARGIN_MS,
        // The margin is the pacer's own: a wait of one full window still counts as "within a window".
        this.settings.maxQueueWaitMs + PACING_MARGIN_MS,
      );
      this.pacers.set(key, pacer);
    }
    return pacer;
  }
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
