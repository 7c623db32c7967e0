import { JUMIO_DEFAULTS, type JumioDataCenter, type JumioModuleOptions } from '../options/jumio.options';
import type { JumioHosts } from '../options/platform-hosts';

/** Jumio's legacy hosts per data centre (jumio-api.md §1.1). */
const DATA_CENTER_HOSTS: Record<JumioDataCenter, JumioHosts> = {
  US: {
    netverifyUrl: 'https://netverify.com',
    uploadUrl: 'https://upload.netverify.com',
    retrievalUrl: 'https://retrieval.netverify.com',
  },
  EU: {
    netverifyUrl: 'https://lon.netverify.com',
    uploadUrl: 'https://upload.lon.netverify.com',
    retrievalUrl: 'https://retrieval.lon.netverify.com',
  },
  SG: {
    netverifyUrl: 'https://core-sgp.jumio.com',
    uploadUrl: 'https://upload.core-sgp.jumio.com',
    retrievalUrl: 'https://retrieval.core-sgp.jumio.com',
  },
};

/** The data centre's hosts, each replaced by its option override when one is set (e.g. the sandbox). */
export function resolveJumioHosts(options: JumioModuleOptions): JumioHosts {
  const defaults = DATA_CENTER_HOSTS[options.dataCenter ?? JUMIO_DEFAULTS.dataCenter];
  return {
    netverifyUrl: withoutTrailingSlash(options.netverifyUrl ?? defaults.netverifyUrl),
    uploadUrl: withoutTrailingSlash(options.uploadUrl ?? defaults.uploadUrl),
    retrievalUrl: withoutTrailingSlash(options.retrievalUrl ?? defaults.retrievalUrl),
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Addresses Jumio posts callbacks from, per data centre (jumio-api.md §5.2). Single IPv4 addresses,
 * each an implicit /32.
 *
 * [UNSURE] in the doc: which list applies to legacy Netverify/DV callbacks today. The implementation
 * guides (2021, 2023) list one set; the newer KYX pages replace three US addresses and add three SG ones.
 * We take the union of both lists. Dropping a genuine callback is the costlier mistake: allowing three
 * addresses per data centre that Jumio may have given up widens the allowlist a little, but the IP check
 * is only one layer (the per-transaction token in the URL, the reference match and the confirmation
 * through the Retrieval API with our own credentials still apply). Operators who know their account's
 * list narrow it with the `callbackAllowedIps` option.
 */
export const JUMIO_CALLBACK_IPS: Record<JumioDataCenter, string[]> = {
  US: [
    // Implementation guides (legacy) and KYX docs
    '34.202.241.227',
    '34.226.103.119',
    '34.226.254.127',
    // Implementation guides only (gone from the KYX list)
    '52.52.51.178',
    '52.53.95.123',
    '54.67.101.173',
    // KYX docs only
    '52.8.136.236',
    '54.177.61.57',
    '54.183.15.212',
  ],
  EU: [
    '34.253.41.236',
    '35.157.27.193',
    '52.48.0.25',
    '52.57.194.92',
    '52.58.113.86',
    '52.209.180.134',
  ],
  SG: [
    // Implementation guides (legacy) and KYX docs
    '3.0.109.121',
    '52.76.184.73',
    '52.77.102.92',
    // KYX docs only
    '13.238.100.17',
    '13.238.203.238',
    '52.64.132.26',
  ],
};
