/**
 * Client-side pacing under Jumio's rate limits. Jumio counts per account and API; the module paces per
 * Jumio host and per instance, so with N instances sharing one account give each 1/N of the limits.
 */
export interface JumioPacingOptions {
  /**
   * Billed starts (Netverify initiate, DV acquisitions) per window and host. Default 5: Jumio's limit for
   * Netverify accounts created after March 2024 ("5 initiate / 5 s"; older accounts: 15).
   */
  startsPerWindow?: number;
  /** Retrieval API calls per window and host. Default 75 (older accounts: 225). */
  retrievalsPerWindow?: number;
  /** The window in ms. Default 5000. */
  windowMs?: number;
  /**
   * Longest a call waits for its turn, in ms. A call that would wait longer is not sent: the client gets
   * 503 with `Retry-After` (code JUMIO_BUSY), a background job tries again later. Default 5000.
   */
  maxQueueWaitMs?: number;
}

export const JUMIO_PACING_DEFAULTS: Required<JumioPacingOptions> = {
  startsPerWindow: 5,
  retrievalsPerWindow: 75,
  windowMs: 5000,
  maxQueueWaitMs: 5000,
};
