import { resolveJumioHosts } from '../client/jumio-hosts';
import type { JumioModuleOptions } from '../jumio.options';
import type { JumioResilienceOptions } from '../resilience/jumio-resilience.options';
import {
  booleanProblem,
  integerProblem,
  isLoopbackHost,
  MAX_TIMER_MS,
  parseAbsoluteUrl,
  quoted,
  textProblem,
} from './option-checks';

/* How the module reaches Jumio: credentials, data centre, hosts, User-Agent, timeouts, resilience. */

export const DATA_CENTERS = ['US', 'EU', 'SG'] as const;
const HOST_OPTIONS = ['netverifyUrl', 'uploadUrl', 'retrievalUrl'] as const;
/** Domains of Jumio's real services (jumio-api.md §1.1; KYX: jumio.ai). */
const JUMIO_DOMAINS = ['netverify.com', 'jumio.com', 'jumio.ai'];
/** Jumio's format: "<Company> <App>/<version>" (jumio-api.md §1.2). */
const USER_AGENT_FORMAT = /^\S.*\/\S+$/;

export function credentialProblems(options: JumioModuleOptions): string[] {
  return [
    textProblem('apiToken', options.apiToken),
    textProblem('apiSecret', options.apiSecret),
  ].filter((problem) => problem !== undefined);
}

/** Data centre, host overrides, and the sandbox flag (which must not point at Jumio itself). */
export function jumioHostProblems(options: JumioModuleOptions): string[] {
  const problems: string[] = [];
  if (options.sandbox !== undefined && booleanProblem('sandbox', options.sandbox)) {
    problems.push('sandbox must be true or false');
  }
  const dataCenter = options.dataCenter;
  const knownDataCenter = dataCenter === undefined || DATA_CENTERS.includes(dataCenter);
  if (!knownDataCenter) {
    problems.push(
      `dataCenter must be one of ${DATA_CENTERS.join(', ')} (got ${quoted([String(dataCenter)])})`,
    );
  }
  const sandbox = options.sandbox === true;
  let hostsValid = true;
  for (const name of HOST_OPTIONS) {
    const value = options[name];
    if (value === undefined) continue;
    const url = parseAbsoluteUrl(name, value);
    if (typeof url === 'string') {
      problems.push(url);
      hostsValid = false;
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      problems.push(`${name} must be an http(s) URL`);
      hostsValid = false;
    } else if (url.protocol === 'http:' && !sandbox && !isLoopbackHost(url)) {
      problems.push(`${name} must use https: the API credentials travel with every call`);
    } else if (url.username || url.password || url.search || url.hash) {
      problems.push(`${name} must be a base URL without credentials, query or fragment`);
    }
  }
  if (sandbox && knownDataCenter && hostsValid) {
    const hosts = resolveJumioHosts(options);
    const real = HOST_OPTIONS.filter((name) => isJumioHost(new URL(hosts[name]).hostname));
    if (real.length > 0) {
      problems.push(
        `sandbox: true while ${real.join(', ')} ${real.length > 1 ? 'point' : 'points'} at Jumio's real hosts: ` +
          'sandbox mode relaxes the URL rules and uses a public encryption key; point every host at the sandbox or drop sandbox',
      );
    }
  }
  return problems;
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
  const problem = integerProblem('requestTimeoutMs', options.requestTimeoutMs, {
    min: 100,
    max: 600_000,
  });
  return problem ? [problem] : [];
}

const RESILIENCE_RANGES: Record<keyof JumioResilienceOptions, { min: number; max: number }> = {
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
  for (const [key, value] of Object.entries(resilience)) {
    const range = RESILIENCE_RANGES[key as keyof JumioResilienceOptions] as
      { min: number; max: number } | undefined;
    if (!range)
      problems.push(
        `resilience.${key} is not an option (known: ${Object.keys(RESILIENCE_RANGES).join(', ')})`,
      );
    else if (value !== undefined) {
      const problem = integerProblem(`resilience.${key}`, value, range);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

function isJumioHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return JUMIO_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** A header value must stay on one line (CR, LF and other control characters are refused by Node). */
function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}
