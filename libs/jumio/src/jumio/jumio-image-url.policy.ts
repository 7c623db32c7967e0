import { resolveJumioHosts } from './jumio-hosts';
import type { JumioModuleOptions } from '../options/jumio.options';

/**
 * Whether an image URL from a callback may be fetched (with our credentials): only when it points at a
 * Jumio host of the configured data centre (jumio-api.md §5.4: NV images on the core host; §5.6: DV pages
 * on the retrieval host), compared by exact origin (scheme, host and port), so neither a look-alike host
 * (`netverify.com.evil.example`), another scheme nor userinfo tricks pass. A forged callback must never
 * make this service send its Basic credentials elsewhere.
 *
 * The module fetches no images today (results are confirmed through the Retrieval API, and image links
 * are dropped before a callback is stored); any future image download must go through this check.
 */
export function isFetchableJumioImageUrl(url: unknown, options: JumioModuleOptions): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const hosts = resolveJumioHosts(options);
  const allowed = [hosts.netverifyUrl, hosts.uploadUrl, hosts.retrievalUrl].map(
    (base) => new URL(base).origin,
  );
  return allowed.includes(parsed.origin);
}
