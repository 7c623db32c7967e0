import type { JumioModuleOptions } from '../options/jumio.options';
import { JUMIO_PLATFORMS } from '../jumio/jumio-platform';
import { numberProblem, parseAbsoluteUrl, quoted, textProblem } from '../options/option-checks';

/* KYX (the Jumio Platform): `platform` and `kyx`. */

const KYX_URLS = ['authUrl', 'accountUrl', 'retrievalUrl'] as const;
const KYX_WORKFLOW_KEYS = ['poiWorkflowKey', 'poaWorkflowKey'] as const;

/** `platform`: 'legacy' (default) or 'kyx'. */
export function platformProblems(options: JumioModuleOptions): string[] {
  const { platform } = options;
  if (platform === undefined || JUMIO_PLATFORMS.includes(platform)) return [];
  return [
    `platform must be one of ${JUMIO_PLATFORMS.join(', ')} (got ${quoted([String(platform)])})`,
  ];
}

/** `kyx`: client id and secret (required on `platform: 'kyx'`), absolute URLs, positive workflow keys. */
export function kyxOptionProblems(options: JumioModuleOptions): string[] {
  const kyx = options.kyx as unknown;
  if (kyx === undefined) {
    return options.platform === 'kyx'
      ? ["kyx is required with platform 'kyx' (clientId, clientSecret)"]
      : [];
  }
  if (typeof kyx !== 'object' || kyx === null) return ['kyx must be an object'];
  const given = kyx as Record<string, unknown>;
  const problems = [
    textProblem('kyx.clientId', given.clientId),
    textProblem('kyx.clientSecret', given.clientSecret),
  ];
  for (const name of KYX_URLS) {
    if (given[name] === undefined) continue;
    const url = parseAbsoluteUrl(`kyx.${name}`, given[name]);
    if (typeof url === 'string') problems.push(url);
    else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      problems.push(`kyx.${name} must be an http(s) URL`);
    }
  }
  for (const name of KYX_WORKFLOW_KEYS) {
    if (given[name] === undefined) continue;
    problems.push(
      numberProblem(`kyx.${name}`, given[name], { min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
  }
  return problems.filter((problem) => problem !== undefined);
}
