import { IpAllowlist, maskIp, resolveClientIp } from './ip-allowlist';

describe('IpAllowlist', () => {
  const list = new IpAllowlist(['34.202.241.227', '10.0.0.0/8', '2001:db8::/32', '::1']);

  it.each<[string | undefined, boolean]>([
    ['34.202.241.227', true],
    ['34.202.241.228', false],
    ['10.200.1.2', true],
    ['::ffff:10.1.2.3', true],
    ['::ffff:34.202.241.227', true],
    ['::ffff:22ca:f1e3', true],
    ['2001:db8:1::5', true],
    ['2001:db9::5', false],
    ['::1', true],
    ['fe80::1%eth0', false],
    ['[2001:db8::1]:443', true],
    ['10.1.2.3:8080', true],
    ['not-an-ip', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(list.contains(address)).toBe(expected);
  });

  it('answers the same for an address asked again, also after many other addresses', () => {
    const remembering = new IpAllowlist(['10.0.0.0/8']);
    expect(remembering.contains('10.1.2.3')).toBe(true);
    expect(remembering.contains('11.1.2.3')).toBe(false);
    for (let index = 0; index < 3000; index += 1) {
      const address = `10.${index >> 8}.${index & 255}.1`;
      expect(remembering.contains(address)).toBe(true);
      expect(remembering.contains(`1${address}`)).toBe(false);
    }
    expect(remembering.contains('10.1.2.3')).toBe(true);
    expect(remembering.contains('11.1.2.3')).toBe(false);
  });

  it('matches an IPv4 address against an IPv4-mapped IPv6 range', () => {
    expect(new IpAllowlist(['::ffff:192.0.2.0/120']).contains('192.0.2.9')).toBe(true);
  });

  it.each([
    '300.1.1.1',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/8/1',
    'example.com',
    '10.0.0.0/x',
  ])('refuses the entry %s', (entry) => {
    expect(() => new IpAllowlist([entry])).toThrow(entry);
  });
});

describe('resolveClientIp', () => {
  const proxies = new IpAllowlist(['10.0.0.0/8', 'fd00::/8']);

  it.each<[string, string | undefined, string | undefined, string | undefined]>([
    ['no proxy, no header', '203.0.113.7', undefined, '203.0.113.7'],
    [
      'an untrusted peer’s forged header is ignored',
      '203.0.113.7',
      '34.202.241.227',
      '203.0.113.7',
    ],
    ['one trusted proxy', '10.0.0.2', '34.202.241.227', '34.202.241.227'],
    ['IPv4-mapped peer', '::ffff:10.0.0.2', '34.202.241.227', '34.202.241.227'],
    [
      'right-most untrusted hop wins over a forged left hop',
      '10.0.0.2',
      '34.202.241.227, 203.0.113.9',
      '203.0.113.9',
    ],
    ['proxy chain', '10.0.0.2', '203.0.113.9, 34.202.241.227, 10.0.0.5', '34.202.241.227'],
    ['a trusted peer without a header', '10.0.0.2', undefined, '10.0.0.2'],
    ['a malformed hop fails closed', '10.0.0.2', '34.202.241.227, garbage', undefined],
    ['IPv6 proxy', 'fd00::1', '2001:db8::7', '2001:db8::7'],
  ])('%s', (_case, peer, header, expected) => {
    expect(resolveClientIp(peer, header, proxies)).toBe(expected);
  });

  it('joins repeated X-Forwarded-For headers', () => {
    expect(resolveClientIp('10.0.0.2', ['203.0.113.9', '34.202.241.227'], proxies)).toBe(
      '34.202.241.227',
    );
  });
});

describe('maskIp', () => {
  it.each([
    ['34.202.241.227', '34.202.241.x'],
    ['::ffff:34.202.241.227', '::ffff:34.202.241.x'],
    ['2001:db8:1:2::5', '2001:db8:1:x'],
    [undefined, 'unknown'],
  ])('%s → %s', (address, masked) => {
    expect(maskIp(address)).toBe(masked);
  });
});
