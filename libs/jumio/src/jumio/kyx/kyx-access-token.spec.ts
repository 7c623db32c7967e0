import { KyxAccessTokenCache } from './kyx-access-token';

describe('KyxAccessTokenCache', () => {
  let now: number;
  let fetches: number;
  let release: (() => void) | undefined;
  const cache = (expiresInSeconds = 3600, wait = false) =>
    new KyxAccessTokenCache(
      async () => {
        fetches += 1;
        if (wait) await new Promise<void>((resolve) => (release = resolve));
        return { accessToken: `token-${fetches}`, expiresInSeconds };
      },
      () => now,
    );

  beforeEach(() => {
    now = 1_000_000;
    fetches = 0;
    release = undefined;
  });

  it('fetches once for many concurrent callers (single flight)', async () => {
    const tokens = cache(3600, true);
    const callers = Array.from({ length: 10 }, () => tokens.get());
    await Promise.resolve();
    release?.();
    expect(await Promise.all(callers)).toEqual(Array(10).fill('token-1'));
    expect(fetches).toBe(1);
  });

  it('reuses the token until a minute before it expires, then renews', async () => {
    const tokens = cache(3600);
    expect(await tokens.get()).toBe('token-1');
    now += 3600_000 - 61_000;
    expect(await tokens.get()).toBe('token-1');
    now += 2_000;
    expect(await tokens.get()).toBe('token-2');
  });

  it('renews short-lived tokens at half their life', async () => {
    const tokens = cache(10);
    await tokens.get();
    now += 4_900;
    expect(await tokens.get()).toBe('token-1');
    now += 200;
    expect(await tokens.get()).toBe('token-2');
  });

  it('drops a refused token only if it is still the cached one', async () => {
    const tokens = cache();
    await tokens.get();
    tokens.invalidate('some-older-token');
    expect(await tokens.get()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.get()).toBe('token-2');
  });

  it('a failed fetch is not cached: the next caller tries again', async () => {
    let fail = true;
    const tokens = new KyxAccessTokenCache(async () => {
      fetches += 1;
      if (fail) throw new Error('down');
      return { accessToken: 'fresh', expiresInSeconds: 3600 };
    });
    await expect(tokens.get()).rejects.toThrow('down');
    fail = false;
    expect(await tokens.get()).toBe('fresh');
  });
});
