import { BlockList, isIP } from 'node:net';

const MAX_REMEMBERED_ADDRESSES = 1024;

/** Addresses of the local machine, added to the callback allowlist in sandbox mode only. */
export const LOOPBACK_CIDRS: readonly string[] = ['127.0.0.0/8', '::1/128'];

/**
 * A set of IPv4 and IPv6 CIDRs (a bare address is a /32 or /128). Backed by `node:net` BlockList, which
 * also matches IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, as a dual-stack socket reports IPv4 peers)
 * against IPv4 ranges and the other way round.
 */
export class IpAllowlist {
  private readonly list = new BlockList();
  /**
   * Answers by address as given: BlockList builds a SocketAddress for every check, on every callback.
   * Bounded (emptied when full), so many distinct addresses cost what they cost without it.
   */
  private readonly answers = new Map<string, boolean>();

  /** @throws Error naming the first entry that is not an IP address or CIDR. */
  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) this.add(cidr);
  }

  contains(address: string | undefined): boolean {
    if (address === undefined) return false;
    const known = this.answers.get(address);
    if (known !== undefined) return known;
    const ip = normaliseIp(address);
    const answer = ip !== undefined && this.list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
    if (this.answers.size >= MAX_REMEMBERED_ADDRESSES) this.answers.clear();
    this.answers.set(address, answer);
    return answer;
  }

  private add(cidr: string): void {
    const { address, prefix, family } = parseCidr(cidr);
    this.list.addSubnet(address, prefix, family);
  }
}

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * The one CIDR parser (module options and the demo's environment): an IPv4 or IPv6 address, optionally
 * `/prefix` (a bare address is a /32 or /128).
 * @throws Error naming the entry when it is not an IP address or CIDR.
 */
export function parseCidr(cidr: string): Cidr {
  const [address, prefixText, extra] = cidr.trim().split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined)
    throw new Error(`"${cidr}" is not an IP address or CIDR`);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(maxPrefix)) || prefix > maxPrefix) {
    throw new Error(`"${cidr}" has an invalid prefix length (0 to ${maxPrefix})`);
  }
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * The client's address as seen through trusted proxies. `X-Forwarded-For` is honoured only when the
 * direct peer is a trusted proxy; then the hops are walked from the right (the one our proxy appended)
 * and the first hop that is not itself a trusted proxy is the client. Everything left of it was written
 * by the client and proves nothing, so a forged header from an untrusted hop is ignored.
 */
export function resolveClientIp(
  peerAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: IpAllowlist,
): string | undefined {
  const peer = normaliseIp(peerAddress);
  if (!peer || !trustedProxies.contains(peer)) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normaliseIp(hops[index]);
    // A malformed hop: we cannot tell who sent it, so trust nothing further left (fail closed).
    if (!hop) return undefined;
    if (!trustedProxies.contains(hop)) return hop;
  }
  // Every hop is a trusted proxy (or there is no header): the left-most proxy is the closest we know.
  return hops.length > 0 ? normaliseIp(hops[0]) : peer;
}

/**
 * For log lines: an address with its host part hidden (IPv4 /24, IPv6 /48), enough to spot a network
 * without logging a person's address.
 */
export function maskIp(address: string | undefined): string {
  const ip = normaliseIp(address);
  if (!ip) return 'unknown';
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.x`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return `::ffff:${maskIp(mapped[1])}`;
  const groups = ip.split(':');
  return `${groups.slice(0, 3).join(':')}:x`;
}

/** Strips brackets, a port on a bracketed or IPv4 address, and an IPv6 zone; undefined when not an IP. */
function normaliseIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, '');
  return isIP(text) === 0 ? undefined : text.toLowerCase();
}
