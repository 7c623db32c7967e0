import { resolveJumioHosts } from '../jumio/jumio-hosts';
import type { JumioModuleOptions } from '../options/jumio.options';
import type { JumioPacingOptions } from '../options/jumio-pacing.options';
import type { JumioResilienceOptions } from '../options/jumio-resilience.options';
import {
  booleanProblem,
  numberProblem,
  isLoopbackHost,
  MAX_TIMER_MS,
  parseAbsoluteUrl,
  quoted,
  textProblem,
} from '../options/option-checks';

/* How the module reaches Jumio: credentials, data centre, hosts, User-Agent, timeouts, resilience. */

export const DATA_CENTERS = ['US', 'EU', 'SG'] as const;
const HOST_OPTIONS = ['netverifyUrl', 'uploadUrl', 'retrievalUrl'] as const;
/** Domains of Jumio's real services (jumio-api.md §1.1; KYX: jumio.ai). */
const JUMIO_DOMAINS = ['netverify.com', 'jumio.com', 'jumio.ai'];
/** Jumio's format: "<Company> <App>/<version>" (jumio-api.md §1.2). */
const USER_AGENT_FORMAT = /^\S.*\/\S+$/;

/** The legacy pair; on `platform: 'kyx'` it may be left out (only legacy transactions in flight use it). */
export function credentialProblems(options: JumioModuleOptions): string[] {
  if (options.platform === 'kyx') {
    return (['apiToken', 'apiSecret'] as const)
      .filter((name) => ![undefined, null, ''].includes(options[name]))
      .map((name) => textProblem(name, options[name]))
      .filter((problem) => problem !== undefined);
  }
  return [
    textProblem('apiToken', options.apiToken),
    textProblem('apiSecret', options.apiSecret),
  ].filter((problem) => problem !== undefined);
}

export function dataCenterProblems(options: JumioModuleOptions): string[] {
  if (isKnownDataCenter(options)) return [];
  return [
    `dataCenter must be one of ${DATA_CENTERS.join(', ')} (got ${quoted([String(options.dataCenter)])})`,
  ];
}

/** `netverifyUrl`, `uploadUrl`, `retrievalUrl`: base URLs, https unless sandbox or loopback. */
export function jumioHostUrlProblems(options: JumioModuleOptions): string[] {
  return HOST_OPTIONS.flatMap((name) => {
    if (options[name] === undefined) return [];
    const url = parseHttpUrl(name, options[name]);
    if (typeof url === 'string') return [url];
    if (url.protocol === 'http:' && options.sandbox !== true && !isLoopbackHost(url)) {
      return [`${name} must use https: the API credentials travel with every call`];
    }
    if (url.username || url.password || url.search || url.hash) {
      return [`${name} must be a base URL without credentials, query or fragment`];
    }
    return [];
  });
}

/** `sandbox: true` relaxes Jumio's rules: every host must then point somewhere other than Jumio. */
export function sandboxProblems(options: JumioModuleOptions): string[] {
  if (options.sandbox === undefined) return [];
  const notBoolean = booleanProblem('sandbox', options.sandbox);
  if (notBoolean) return [notBoolean];
  const hostsReadable = HOST_OPTIONS.every(
    (name) => options[name] === undefined || typeof parseHttpUrl(name, options[name]) !== 'string',
  );
  if (!options.sandbox || !isKnownDataCenter(options) || !hostsReadable) return [];
  const hosts = resolveJumioHosts(options);
  const real = HOST_OPTIONS.filter((name) => isJumioHost(new URL(hosts[name]).hostname));
  if (real.length === 0) return [];
  return [
    `sandbox: true while ${real.join(', ')} ${real.length > 1 ? 'point' : 'points'} at Jumio's real hosts: ` +
      'sandbox mode relaxes the URL rules and allows the public development key; point every host at the sandbox or drop sandbox',
  ];
}

export function userAgentProblems(options: JumioModuleOptions): string[] {
  const missing = textProblem('userAgent', options.userAgent);
  if (missing) return [missing];
  const userAgent = options.userAgent;
  if (
    hasControlCharacter(userAgent) ||
    userAgent.length > 200 ||
    !USER_AGENT_FORMAT.test(userAgent)
  ) {
    return [
      'userAgent must look like "<Company> <App>/<version>" (at most 200 characters, one line)',
    ];
  }
  return [];
}

export function requestTimeoutProblems(options: JumioModuleOptions): string[] {
  if (options.requestTimeoutMs === undefined) return [];
  const problem = numberProblem('requestTimeoutMs', options.requestTimeoutMs, {
    min: 100,
    max: 600_000,
  });
  return problem ? [problem] : [];
}

const RESILIENCE_RANGES: Record<keyof JumioResilienceOptions, { min: number; max: number }> = {
  httpAttempts: { min: 1, max: 10 },
  maxAttempts: { min: 1, max: 10 },
  retryInitialDelayMs: { min: 0, max: 60_000 },
  retryMaxDelayMs: { min: 0, max: 600_000 },
  maxRetryAfterMs: { min: 0, max: 600_000 },
  deadlineMs: { min: 100, max: 600_000 },
  breakerThreshold: { min: 1, max: 1000 },
  breakerHalfOpenAfterMs: { min: 0, max: MAX_TIMER_MS },
};

export function resilienceProblems(options: JumioModuleOptions): string[] {
  const resilience = options.resilience;
  if (resilience === undefined) return [];
  if (typeof resilience !== 'object' || resilience === null)
    return ['resilience must be an object'];
  const problems: string[] = [];
  if (resilience.httpAttempts !== undefined && resilience.maxAttempts !== undefined) {
    problems.push(
      'resilience.maxAttempts is the deprecated name of resilience.httpAttempts: give httpAttempts only',
    );
  }
  for (const [key, value] of Object.entries(resilience)) {
    const range = RESILIENCE_RANGES[key as keyof JumioResilienceOptions] as
      { min: number; max: number } | undefined;
    if (!range)
      problems.push(
        `resilience.${key} is not an option (known: ${Object.keys(RESILIENCE_RANGES).join(', ')})`,
      );
    else if (value !== undefined) {
      const problem = numberProblem(`resilience.${key}`, value, range);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** Options still accepted under an old name (checked after the problems): a warning each at start-up. */
export function resilienceDeprecations(options: JumioModuleOptions): string[] {
  return options.resilience?.maxAttempts !== undefined
    ? [
        'resilience.maxAttempts is deprecated: call it resilience.httpAttempts (HTTP attempts of one ' +
          'retry-safe call; the root maxAttempts counts verification attempts)',
      ]
    : [];
}

function isJumioHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return JUMIO_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** A header value must stay on one line (CR, LF and other control characters are refused by Node). */
function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

function isKnownDataCenter(options: JumioModuleOptions): boolean {
  return options.dataCenter === undefined || DATA_CENTERS.includes(options.dataCenter);
}

function parseHttpUrl(name: string, value: unknown): URL | string {
  const url = parseAbsoluteUrl(name, value);
  if (typeof url !== 'string' && url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `${name} must be an http(s) URL`;
  }
  return url;
}

/** The optional least-privilege pair for Retrieval and Delete: both or neither. */
export function retrievalCredentialProblems(options: JumioModuleOptions): string[] {
  const { retrievalApiToken: token, retrievalApiSecret: secret } = options;
  if (token === undefined && secret === undefined) return [];
  if (token === undefined || secret === undefined) {
    return ['retrievalApiToken and retrievalApiSecret must be given together (or neither)'];
  }
  return [
    textProblem('retrievalApiToken', token),
    textProblem('retrievalApiSecret', secret),
  ].filter((problem) => problem !== undefined);
}

const PACING_LIMITS: Record<keyof JumioPacingOptions, { min: number; max: number }> = {
  startsPerWindow: { min: 1, max: 100_000 },
  retrievalsPerWindow: { min: 1, max: 100_000 },
  windowMs: { min: 1, max: 3_600_000 },
  maxQueueWaitMs: { min: 0, max: 600_000 },
};

export function pacingProblems(options: JumioModuleOptions): string[] {
  const pacing = options.pacing;
  if (pacing === undefined) return [];
  if (typeof pacing !== 'object' || pacing === null) {
    return [`pacing must be an object (${Object.keys(PACING_LIMITS).join(', ')})`];
  }
  return Object.entries(pacing).flatMap(([key, value]) => {
    const range = PACING_LIMITS[key as keyof JumioPacingOptions];
    if (!range) {
      return [`pacing.${key} is not an option (known: ${Object.keys(PACING_LIMITS).join(', ')})`];
    }
    if (value === undefined) return [];
    const problem = numberProblem(`pacing.${key}`, value, range);
    return problem ? [problem] : [];
  });
}
