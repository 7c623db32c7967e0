import { JUMIO_INSTANCE_ROLES } from '../options/instance-role';
import { callbackBaseUrlProblems } from '../common/callback-url';
import { parseCidr } from '../callback/ip-allowlist';
import type { JumioModuleOptions } from '../options/jumio.options';
import { parseRetrievalSchedule } from '../reconciliation/retrieval-schedule';
import { numberProblem, listProblems, MAX_TIMER_MS } from '../options/option-checks';

/* Where callbacks arrive, who may send them, and how often background work looks for unfinished work. */

export function callbackBaseUrlOptionProblems(options: JumioModuleOptions): string[] {
  return callbackBaseUrlProblems(options.callbackBaseUrl, options.sandbox === true);
}

export function callbackSourceProblems(options: JumioModuleOptions): string[] {
  const cidr = (entry: unknown) => {
    if (typeof entry !== 'string') return 'entries must be strings';
    try {
      parseCidr(entry);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const problems: string[] = [];
  if (options.callbackAllowedIps !== undefined) {
    problems.push(...listProblems('callbackAllowedIps', options.callbackAllowedIps, cidr));
  }
  if (options.trustedProxies !== undefined) {
    problems.push(...listProblems('trustedProxies', options.trustedProxies, cidr));
  }
  if (options.callbackMaxBodyBytes !== undefined) {
    const problem = numberProblem('callbackMaxBodyBytes', options.callbackMaxBodyBytes, {
      min: 1024,
      max: 1_048_576,
    });
    if (problem) problems.push(problem);
  }
  return problems;
}

const INTERVAL_OPTIONS = [
  'reconciliationIntervalMs',
  'outboxRelayIntervalMs',
  'callbackInboxIntervalMs',
] as const;

/** Timers of background work (0 turns one off) and the Retrieval API schedule. */
export function backgroundWorkProblems(options: JumioModuleOptions): string[] {
  const problems: string[] = [];
  for (const name of INTERVAL_OPTIONS) {
    if (options[name] === undefined) continue;
    const problem = numberProblem(name, options[name], { min: 0, max: MAX_TIMER_MS });
    if (problem) problems.push(problem);
  }
  if (options.retrievalScheduleSeconds !== undefined) {
    try {
      if (!Array.isArray(options.retrievalScheduleSeconds))
        throw new Error('must be an array of seconds');
      parseRetrievalSchedule(options.retrievalScheduleSeconds);
    } catch (error) {
      problems.push(`retrievalScheduleSeconds: ${(error as Error).message}`);
    }
  }
  if (options.instanceRole !== undefined && !JUMIO_INSTANCE_ROLES.includes(options.instanceRole)) {
    problems.push(
      `instanceRole must be one of ${JUMIO_INSTANCE_ROLES.join(', ')} (got ${JSON.stringify(options.instanceRole)})`,
    );
  }
  if (options.backgroundPoolSize !== undefined) {
    const problem = numberProblem('backgroundPoolSize', options.backgroundPoolSize, {
      min: 0,
      max: 100,
    });
    if (problem) problems.push(problem);
  }
  if (options.callbackBodyTimeoutMs !== undefined) {
    const problem = numberProblem('callbackBodyTimeoutMs', options.callbackBodyTimeoutMs, {
      min: 100,
      max: 600_000,
    });
    if (problem) problems.push(problem);
  }
  const rateLimit = options.callbackRateLimit;
  if (rateLimit !== undefined) {
    if (typeof rateLimit !== 'object' || rateLimit === null) {
      problems.push('callbackRateLimit must be { perSecond, burst }');
    } else {
      for (const key of ['perSecond', 'burst'] as const) {
        const problem = numberProblem(`callbackRateLimit.${key}`, rateLimit[key], {
          min: 1,
          max: 1_000_000,
        });
        if (problem) problems.push(problem);
      }
    }
  }
  if (options.callbackInboxConcurrency !== undefined) {
    const problem = numberProblem('callbackInboxConcurrency', options.callbackInboxConcurrency, {
      min: 1,
      max: 256,
    });
    if (problem) problems.push(problem);
  }
  return problems;
}
