import { IpAllowlist } from '../../libs/jumio/src/callback/ip-allowlist';
import { AppConfig } from '../../src/config/app.config';
import { JumioConfig } from '../../src/config/jumio.config';
import { jumioModuleOptions } from '../../src/config/jumio-module-options';
import { ConfigError, validateConfig } from '../../src/config/validate-config';

function problemsOf(schema: new () => object, env: Record<string, string>): string[] {
  try {
    validateConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('demo configuration', () => {
  it('accepts an empty environment: SQLite and the sandbox', () => {
    const app = validateConfig(AppConfig, {});
    const jumio = validateConfig(JumioConfig, {});
    expect(app.PORT).toBe(3000);
    expect(app.DATABASE_PATH).toBe('.data/jumio.sqlite');
    expect(jumio.JUMIO_SANDBOX).toBeUndefined();
    expect(jumio.JUMIO_DATACENTER).toBe('US');
  });

  it('reads typed values', () => {
    const jumio = validateConfig(JumioConfig, {
      JUMIO_SANDBOX: 'false',
      JUMIO_API_TOKEN: 'token',
      JUMIO_API_SECRET: 'secret',
      JUMIO_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      JUMIO_DATACENTER: 'EU',
      JUMIO_CALLBACK_ALLOWED_IPS: '34.253.41.236, 10.0.0.0/8',
      JUMIO_POA_DOCUMENT_TYPES: 'BS,UB',
      JUMIO_POA_MAX_AGE_DAYS: '60',
    });
    expect(jumio.JUMIO_SANDBOX).toBe(false);
    expect(jumio.JUMIO_CALLBACK_ALLOWED_IPS).toEqual(['34.253.41.236', '10.0.0.0/8']);
    expect(jumio.JUMIO_POA_DOCUMENT_TYPES).toEqual(['BS', 'UB']);
    expect(jumio.JUMIO_POA_MAX_AGE_DAYS).toBe(60);
  });

  it('reports every bad value with one message naming its variable', () => {
    expect(problemsOf(AppConfig, { PORT: 'eighty' })).toEqual(['PORT must be an integer']);
    const problems = problemsOf(JumioConfig, {
      JUMIO_SANDBOX: 'yes',
      JUMIO_DATACENTER: 'MOON',
      JUMIO_NETVERIFY_URL: 'not a url',
      JUMIO_CALLBACK_ALLOWED_IPS: '1.2.3.4,somewhere',
      JUMIO_RETRIEVAL_SCHEDULE_S: '40,soon',
      JUMIO_POA_MAX_AGE_DAYS: '0',
    });
    for (const variable of [
      'JUMIO_SANDBOX',
      'JUMIO_DATACENTER',
      'JUMIO_NETVERIFY_URL',
      'JUMIO_CALLBACK_ALLOWED_IPS',
      'JUMIO_RETRIEVAL_SCHEDULE_S',
      'JUMIO_POA_MAX_AGE_DAYS',
    ]) {
      expect(problems.filter((problem) => problem.startsWith(variable))).toHaveLength(1);
    }
    expect(problems).toHaveLength(6);
  });

  it('accepts every CIDR the module accepts, with the same parser (IPv6 and IPv4-mapped included)', () => {
    const jumio = validateConfig(JumioConfig, {
      JUMIO_CALLBACK_ALLOWED_IPS: '127.0.0.1/32,::1/128,::ffff:127.0.0.1/128',
      JUMIO_TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32',
    });
    expect(jumio.JUMIO_CALLBACK_ALLOWED_IPS).toEqual([
      '127.0.0.1/32',
      '::1/128',
      '::ffff:127.0.0.1/128',
    ]);
    expect(() => new IpAllowlist(jumio.JUMIO_CALLBACK_ALLOWED_IPS!)).not.toThrow();
    const problems = problemsOf(JumioConfig, {
      JUMIO_CALLBACK_ALLOWED_IPS: '10.0.0.0/33,1.2.3.4',
      JUMIO_TRUSTED_PROXIES: '999.1.1.1',
    });
    expect(problems).toEqual([
      'JUMIO_CALLBACK_ALLOWED_IPS: "10.0.0.0/33" has an invalid prefix length (0 to 32)',
      'JUMIO_TRUSTED_PROXIES: "999.1.1.1" is not an IP address or CIDR',
    ]);
  });

  it('asks for credentials and keys when the sandbox is off, without echoing secrets', () => {
    const problems = problemsOf(JumioConfig, { JUMIO_SANDBOX: 'false' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'JUMIO_API_TOKEN is required when JUMIO_SANDBOX is false',
        'JUMIO_API_SECRET is required with JUMIO_API_TOKEN',
        'JUMIO_ENCRYPTION_KEYS is required outside the sandbox',
      ]),
    );
    const withBadKeys = problemsOf(JumioConfig, {
      JUMIO_API_TOKEN: 'token',
      JUMIO_API_SECRET: 'very-secret-value',
      JUMIO_ENCRYPTION_KEYS: 'no separator here',
    });
    expect(withBadKeys).toEqual([
      'JUMIO_ENCRYPTION_KEYS must look like "k2:<base64 key>,k1:<base64 key>"',
    ]);
    expect(withBadKeys.join()).not.toContain('very-secret-value');
  });

  it('takes the separate retrieval pair only whole, without echoing it', () => {
    expect(
      problemsOf(JumioConfig, { JUMIO_RETRIEVAL_API_SECRET: 'retrieval-secret-value' }),
    ).toEqual(['JUMIO_RETRIEVAL_API_TOKEN is required with JUMIO_RETRIEVAL_API_SECRET']);
    expect(problemsOf(JumioConfig, { JUMIO_RETRIEVAL_API_TOKEN: 'rt' })).toEqual([
      'JUMIO_RETRIEVAL_API_SECRET is required with JUMIO_RETRIEVAL_API_TOKEN',
    ]);
    expect(
      problemsOf(JumioConfig, {
        JUMIO_RETRIEVAL_API_TOKEN: 'rt',
        JUMIO_RETRIEVAL_API_SECRET: 'rs',
      }),
    ).toEqual([]);
  });

  it('validates the pacing limits', () => {
    expect(
      problemsOf(JumioConfig, { JUMIO_PACING_STARTS: '0', JUMIO_PACING_MAX_WAIT_MS: 'soon' }),
    ).toEqual([
      'JUMIO_PACING_STARTS must be between 1 and 10000',
      'JUMIO_PACING_MAX_WAIT_MS must be an integer',
    ]);
  });

  it('JUMIO_PLATFORM=kyx outside the sandbox needs the KYX client alone, not the legacy pair', () => {
    const keys = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(
      problemsOf(JumioConfig, {
        JUMIO_PLATFORM: 'kyx',
        JUMIO_SANDBOX: 'false',
        JUMIO_ENCRYPTION_KEYS: keys,
      }),
    ).toEqual([
      'JUMIO_KYX_CLIENT_ID is required with JUMIO_PLATFORM=kyx outside the sandbox',
      'JUMIO_KYX_CLIENT_SECRET is required with JUMIO_KYX_CLIENT_ID',
    ]);
    const kyx = validateConfig(JumioConfig, {
      JUMIO_PLATFORM: 'kyx',
      JUMIO_SANDBOX: 'false',
      JUMIO_ENCRYPTION_KEYS: keys,
      JUMIO_KYX_CLIENT_ID: 'client',
      JUMIO_KYX_CLIENT_SECRET: 'secret',
      JUMIO_KYX_RETRIEVAL_URL: 'https://retrieval.emea-1.jumio.ai',
      JUMIO_KYX_POI_WORKFLOW_KEY: '10163',
    });
    expect(kyx).toMatchObject({ JUMIO_PLATFORM: 'kyx', JUMIO_KYX_POI_WORKFLOW_KEY: 10163 });
    expect(problemsOf(JumioConfig, { JUMIO_PLATFORM: 'kix' })).toEqual([
      'JUMIO_PLATFORM must be legacy or kyx',
    ]);
  });

  it('passes the callback rate limit to the module (bursts of twice as many) and names a bad one', () => {
    const app = validateConfig(AppConfig, {});
    const limited = validateConfig(JumioConfig, { JUMIO_CALLBACK_RATE_LIMIT: '500' });
    expect(jumioModuleOptions(limited, app, 'http://127.0.0.1:4999').callbackRateLimit).toEqual({
      perSecond: 500,
      burst: 1000,
    });
    const unset = validateConfig(JumioConfig, {});
    expect(
      jumioModuleOptions(unset, app, 'http://127.0.0.1:4999').callbackRateLimit,
    ).toBeUndefined();
    expect(problemsOf(JumioConfig, { JUMIO_CALLBACK_RATE_LIMIT: '0' })).toEqual([
      'JUMIO_CALLBACK_RATE_LIMIT must be between 1 and 100000',
    ]);
  });
});
