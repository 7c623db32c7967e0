/** A request body for the fuzz: raw bytes and the content type they claim to be. */
export interface FuzzBody {
  contentType: string;
  body: string;
}

/** Small deterministic PRNG (mulberry32): the same seed replays the same fuzz. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'country',
  'idType',
  'documentType',
  'scanReference',
  'status',
  'errorCode',
  'successUrl',
  'errorUrl',
  'locale',
  'userId',
  '__proto__',
  'constructor',
  'prototype',
  'transactionId',
];
const STRINGS = [
  '',
  'DEU',
  'AUT',
  'UB',
  'BS',
  'PASSPORT',
  'SUCCESS',
  'ERROR',
  'de-DE',
  'x'.repeat(5000),
  'https://bank.example/ok',
  'http://xn--a.com',
  'http://[fe80::1%25eth0]',
  'https://xn--a.com/',
  'https://[fe80::1%25eth0]/',
  'https://bank.example:99999/',
  'https://user:pw@bank.example/',
  'javascript:alert(1)',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  '{"a":1}',
  '0f1d5a4c-8b3b-4c5e-9a11-3d1f0a6b2c9e',
];

/**
 * Bodies a hostile or broken client might send: random JSON of any shape, deeply nested JSON (the
 * class-transformer stack overflow), very wide arrays and objects, plausible bodies with odd values,
 * broken JSON, and forms with nested keys.
 */
export function fuzzBody(random: () => number): FuzzBody {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const json = (value: unknown): FuzzBody => ({
    contentType: 'application/json',
    body: JSON.stringify(value) ?? 'null',
  });
  const value = (depth: number): unknown => {
    const kind = Math.floor(random() * (depth > 4 ? 4 : 7));
    if (kind === 0) return pick(STRINGS);
    if (kind === 1) return pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
    if (kind === 2) return pick([true, false, null]);
    if (kind === 3) return pick(STRINGS).slice(0, 40);
    if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 5); i > 0; i--) object[pick(FIELDS)] = value(depth + 1);
    return object;
  };
  switch (Math.floor(random() * 9)) {
    case 0: {
      const depth = pick([50, 1_000, 20_000, 100_000]);
      const open = pick(['{"a":', '[', '{"successUrl":']);
      const close = open === '[' ? ']' : '}';
      return {
        contentType: 'application/json',
        body: open.repeat(depth) + '1' + close.repeat(depth),
      };
    }
    case 1:
      return json({
        [pick(FIELDS)]: Array.from({ length: pick([100, 5_000]) }, () => pick(STRINGS).slice(0, 8)),
      });
    case 2:
      return json(
        Object.fromEntries(Array.from({ length: pick([200, 3_000]) }, (_, i) => [`k${i}`, i])),
      );
    case 3:
      return json({
        successUrl: pick(STRINGS),
        errorUrl: pick(STRINGS),
        documentType: pick(STRINGS),
        country: pick(STRINGS),
        locale: pick(STRINGS),
      });
    case 4:
      return {
        contentType: 'application/json',
        body: pick(['{', '{"a":}', '[1,]', 'nul', '"\\x"', '{"a":1}}']),
      };
    case 5:
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: pick([
          'a[b][c][d][e][f][g]=1',
          `${'a['.repeat(500)}=1`,
          'status=SUCCESS&status=ERROR',
          'x=1'.repeat(300),
        ]),
      };
    case 6:
      return {
        contentType: pick(['text/plain', 'application/xml', 'multipart/form-data']),
        body: '<x/>',
      };
    default:
      return json(value(0));
  }
}
