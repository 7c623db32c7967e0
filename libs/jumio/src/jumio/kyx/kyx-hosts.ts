import type { JumioDataCenter } from '../../options/jumio.options';
import type { JumioKyxOptions } from '../../options/kyx.options';
import type { KyxHosts } from '../../options/platform-hosts';

/** KYX region of each data centre (jumio-kyx.md §2.1). */
export const KYX_REGIONS: Record<JumioDataCenter, string> = {
  US: 'amer-1',
  EU: 'emea-1',
  SG: 'apac-1',
};

/** The region's hosts, each replaced by its override when set (e.g. the sandbox, which serves all three). */
export function resolveKyxHosts(
  dataCenter: JumioDataCenter,
  overrides: Pick<JumioKyxOptions, 'authUrl' | 'accountUrl' | 'retrievalUrl'>,
): KyxHosts {
  const region = KYX_REGIONS[dataCenter];
  return {
    authUrl: withoutTrailingSlash(overrides.authUrl ?? `https://auth.${region}.jumio.ai`),
    accountUrl: withoutTrailingSlash(overrides.accountUrl ?? `https://account.${region}.jumio.ai`),
    retrievalUrl: withoutTrailingSlash(
      overrides.retrievalUrl ?? `https://retrieval.${region}.jumio.ai`,
    ),
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
