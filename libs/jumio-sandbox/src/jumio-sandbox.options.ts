/** Options of `startJumioSandbox()`. */
export interface JumioSandboxOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** HTTP Basic user that callers must send. Default `sandbox-token`. */
  apiToken?: string;
  /** HTTP Basic password that callers must send. Default `sandbox-secret`. Never logged. */
  apiSecret?: string;
  /**
   * A separate pair for the Retrieval and Delete APIs (Jumio's "transaction administration" credentials).
   * When set, the sandbox is strict: retrieval and delete accept only this pair, and the starting pair
   * opens only initiate, acquisitions and the SDK stand-in, so a test sees which pair each call used.
   * Default: none (the one pair opens everything).
   */
  retrievalApiToken?: string;
  /** Secret of the retrieval / delete pair. Never logged. */
  retrievalApiSecret?: string;
  /** Time from the end of a journey to the result and its callback. Default 1000 ms; 0 is allowed. */
  callbackDelayMs?: number;
  /**
   * Time after which a web journey that was never submitted is abandoned (late NO_ID_UPLOADED / FAILED
   * callback). Default: the transaction's token lifetime, as at Jumio.
   */
  abandonAfterMs?: number;
  /** Timeout of one callback POST. Default 5000 ms. */
  callbackTimeoutMs?: number;
  /** Base URL put into redirect, capture and image URLs. Default: the URL the sandbox listens on. */
  publicUrl?: string;
  /** KYX OAuth2 client id that the token endpoint accepts. Default `sandbox-kyx-client`. */
  kyxClientId?: string;
  /** KYX OAuth2 client secret. Default `sandbox-kyx-secret`. Never logged. */
  kyxClientSecret?: string;
  /** `expires_in` of KYX access tokens, in seconds. Default 3600, as at Jumio. */
  kyxTokenLifetimeSeconds?: number;
  /** Receives each log line (never personal data or secrets). Default `console.log`. */
  logger?: (line: string) => void;
}

export const SANDBOX_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  apiToken: 'sandbox-token',
  apiSecret: 'sandbox-secret',
  callbackDelayMs: 1000,
  callbackTimeoutMs: 5000,
  kyxClientId: 'sandbox-kyx-client',
  kyxClientSecret: 'sandbox-kyx-secret',
  kyxTokenLifetimeSeconds: 3600,
} as const;

type OptionalSettings = 'abandonAfterMs' | 'publicUrl' | 'retrievalApiToken' | 'retrievalApiSecret';

export type ResolvedSandboxOptions = Required<Omit<JumioSandboxOptions, OptionalSettings>> &
  Pick<JumioSandboxOptions, OptionalSettings>;

export function resolveSandboxOptions(options: JumioSandboxOptions): ResolvedSandboxOptions {
  const resolved: ResolvedSandboxOptions = {
    port: options.port ?? SANDBOX_DEFAULTS.port,
    host: options.host ?? SANDBOX_DEFAULTS.host,
    apiToken: options.apiToken ?? SANDBOX_DEFAULTS.apiToken,
    apiSecret: options.apiSecret ?? SANDBOX_DEFAULTS.apiSecret,
    retrievalApiToken: options.retrievalApiToken,
    retrievalApiSecret: options.retrievalApiSecret,
    callbackDelayMs: options.callbackDelayMs ?? SANDBOX_DEFAULTS.callbackDelayMs,
    callbackTimeoutMs: options.callbackTimeoutMs ?? SANDBOX_DEFAULTS.callbackTimeoutMs,
    abandonAfterMs: options.abandonAfterMs,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    kyxClientId: options.kyxClientId ?? SANDBOX_DEFAULTS.kyxClientId,
    kyxClientSecret: options.kyxClientSecret ?? SANDBOX_DEFAULTS.kyxClientSecret,
    kyxTokenLifetimeSeconds:
      options.kyxTokenLifetimeSeconds ?? SANDBOX_DEFAULTS.kyxTokenLifetimeSeconds,
    logger: options.logger ?? ((line: string) => console.log(line)),
  };
  assertInteger('port', resolved.port, 0, 65535);
  assertInteger('callbackDelayMs', resolved.callbackDelayMs, 0);
  assertInteger('callbackTimeoutMs', resolved.callbackTimeoutMs, 1);
  if (resolved.abandonAfterMs !== undefined)
    assertInteger('abandonAfterMs', resolved.abandonAfterMs, 0);
  assertInteger('kyxTokenLifetimeSeconds', resolved.kyxTokenLifetimeSeconds, 1);
  if (!resolved.kyxClientId || !resolved.kyxClientSecret) {
    throw new Error('Jumio sandbox: kyxClientId and kyxClientSecret must not be empty');
  }
  if (!resolved.apiToken || !resolved.apiSecret) {
    throw new Error('Jumio sandbox: apiToken and apiSecret must not be empty');
  }
  if (Boolean(resolved.retrievalApiToken) !== Boolean(resolved.retrievalApiSecret)) {
    throw new Error('Jumio sandbox: retrievalApiToken and retrievalApiSecret go together');
  }
  if (resolved.publicUrl !== undefined && !URL.canParse(resolved.publicUrl)) {
    throw new Error('Jumio sandbox: publicUrl must be an absolute URL');
  }
  return resolved;
}

function assertInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Jumio sandbox: ${name} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
}
