import { JUMIO_ENTITIES, JUMIO_MIGRATIONS, JumioModule, type JumioModuleOptions } from '@app/jumio';
import { type DynamicModule, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';

/*
 * Every option family refused at start-up, through a real Nest start (compile + init), registered with
 * forRoot and with forRootAsync: one error naming each bad option.
 */

type Registration = 'forRoot' | 'forRootAsync';
type Options = Record<string, unknown>;

const KEY = Buffer.alloc(32, 7).toString('base64');

/** Production-like options that start (no sandbox, no timers). */
const GOOD: JumioModuleOptions = {
  apiToken: 'token-value',
  apiSecret: 'secret-value',
  dataCenter: 'EU',
  userAgent: 'Fixture Bank Onboarding/1.0',
  callbackBaseUrl: 'https://onboarding.bank.example',
  encryptionKeys: { currentKeyId: 'k1', keys: { k1: KEY } },
  reconciliationIntervalMs: 0,
  outboxRelayIntervalMs: 0,
  callbackInboxIntervalMs: 0,
  retention: { jobIntervalSeconds: 0 },
};

function jumioModule(registration: Registration, options: Options): DynamicModule {
  const jumio = options as unknown as JumioModuleOptions;
  return registration === 'forRoot'
    ? JumioModule.forRoot(jumio)
    : JumioModule.forRootAsync({ useFactory: () => Promise.resolve(jumio) });
}

/** Starts a host with these options on an in-memory SQLite; the start-up error, or undefined. */
async function startupError(
  registration: Registration,
  options: Options,
): Promise<Error | undefined> {
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          entities: JUMIO_ENTITIES,
          migrations: JUMIO_MIGRATIONS,
          migrationsRun: true,
        }),
        jumioModule(registration, options),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await app.close();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

const LONG_HOST = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.bank.example`;

/** [family, options changed from GOOD, what the message must say (one line per bad option)] */
const FAMILIES: Array<[string, Options, RegExp[]]> = [
  [
    'unknown data centre',
    { dataCenter: 'DE' },
    [/dataCenter must be one of US, EU, SG \(got "DE"\)/],
  ],
  [
    'empty credentials',
    { apiToken: '', apiSecret: '   ' },
    [/apiToken must not be empty/, /apiSecret must not be empty/],
  ],
  ['missing userAgent', { userAgent: undefined }, [/userAgent is required/]],
  [
    'half a retrieval credential pair',
    { retrievalApiToken: 'retrieval-token' },
    [/retrievalApiToken and retrievalApiSecret must be given together/],
  ],
  [
    'pacing out of range',
    { pacing: { startsPerWindow: 0, windowMs: 1.5, burst: 3 } },
    [
      /pacing.startsPerWindow must be a whole number from 1/,
      /pacing.windowMs must be a whole number from 1/,
      /pacing.burst is not an option/,
    ],
  ],
  [
    "userAgent not in Jumio's format",
    { userAgent: 'curl' },
    [/userAgent must look like "<Company> <App>\/<version>"/],
  ],
  [
    'bad Jumio URLs',
    {
      netverifyUrl: 'not-a-url',
      uploadUrl: 'http://upload.bank.example',
      retrievalUrl: 'ftp://x.example',
    },
    [
      /netverifyUrl must be an absolute URL/,
      /uploadUrl must use https/,
      /retrievalUrl must be an http\(s\) URL/,
    ],
  ],
  [
    'sandbox pointing at Jumio',
    { sandbox: true, netverifyUrl: 'http://127.0.0.1:4010' },
    [/sandbox: true while uploadUrl, retrievalUrl point at Jumio's real hosts/],
  ],
  [
    'callbackBaseUrl over http',
    { callbackBaseUrl: 'http://onboarding.bank.example' },
    [/callbackBaseUrl must use https/],
  ],
  [
    'callbackBaseUrl with a port',
    { callbackBaseUrl: 'https://onboarding.bank.example:8443' },
    [/callbackBaseUrl must not contain a port/],
  ],
  [
    'callbackBaseUrl on an IP address',
    { callbackBaseUrl: 'https://203.0.113.7' },
    [/callbackBaseUrl must use a domain name, not an IP address/],
  ],
  [
    'callbackBaseUrl with a query',
    { callbackBaseUrl: 'https://bank.example/jumio?x=1' },
    [/callbackBaseUrl must not contain a query or a fragment/],
  ],
  [
    'callbackBaseUrl with a fragment',
    { callbackBaseUrl: 'https://bank.example/jumio#cb' },
    [/callbackBaseUrl must not contain a query or a fragment/],
  ],
  [
    'callbackBaseUrl too long',
    { callbackBaseUrl: `https://${LONG_HOST}` },
    [/callbackBaseUrl is too long: callback URLs would be 2\d\d characters, Jumio accepts 255/],
  ],
  [
    'callbackBaseUrl not a URL',
    { callbackBaseUrl: 'onboarding.bank.example' },
    [/callbackBaseUrl must be an absolute URL/],
  ],
  [
    'out-of-range numbers',
    { maxAttempts: 0, tokenLifetimeMinutes: 1, requestTimeoutMs: -1, workflowId: 1.5 },
    [
      /maxAttempts must be a whole number from 1/,
      /tokenLifetimeMinutes must be a whole number from 5 to 86400/,
      /requestTimeoutMs must be a whole number/,
      /workflowId must be a whole number/,
    ],
  ],
  [
    'background timers and schedule',
    {
      reconciliationIntervalMs: -1,
      outboxRelayIntervalMs: 3e9,
      callbackInboxIntervalMs: '5s',
      retrievalScheduleSeconds: [40, 90_000],
    },
    [
      /reconciliationIntervalMs must be a whole number from 0/,
      /outboxRelayIntervalMs must be a whole number from 0 to 2147483647/,
      /callbackInboxIntervalMs/,
      /retrievalScheduleSeconds: retrieval schedule entry "90000"/,
    ],
  ],
  [
    'callback sources',
    {
      callbackAllowedIps: ['34.253.41.236', '10.0.0.0/33'],
      trustedProxies: ['proxy.internal'],
      callbackMaxBodyBytes: 10,
    },
    [
      /callbackAllowedIps: "10.0.0.0\/33" has an invalid prefix length/,
      /trustedProxies: "proxy.internal" is not an IP address or CIDR/,
      /callbackMaxBodyBytes must be a whole number from 1024/,
    ],
  ],
  [
    'unknown userVisibleExtractedFields',
    { userVisibleExtractedFields: ['firstName', 'passportPhoto'] },
    [/userVisibleExtractedFields: "passportPhoto" is not an extracted field \(known: firstName, /],
  ],
  [
    'resilience',
    { resilience: { maxAttempts: 0, deadlineMs: 'soon', retries: 2 } },
    [
      /resilience.maxAttempts must be a whole number from 1 to 10/,
      /resilience.deadlineMs must be a whole number/,
      /resilience.retries is not an option/,
    ],
  ],
  [
    'resilience attempts under both names',
    { resilience: { httpAttempts: 2, maxAttempts: 2 } },
    [/resilience.maxAttempts is the deprecated name of resilience.httpAttempts/],
  ],
  [
    'retention',
    { retention: { personalDataDays: -1, keepForever: true } },
    [
      /retention.personalDataDays must be a number from 0/,
      /retention.keepForever is not an option/,
    ],
  ],
  [
    'poaRules',
    {
      poaRules: {
        acceptedDocumentTypes: ['UB', 'XX'],
        maxDocumentAgeDays: 0,
        requireNameMatch: 'yes',
      },
    },
    [
      /poaRules.acceptedDocumentTypes: "XX" is not a Jumio DV document type/,
      /poaRules.maxDocumentAgeDays must be a whole number from 1 to 3650/,
      /poaRules.requireNameMatch must be true or false/,
    ],
  ],
  [
    'missing encryption keys',
    { encryptionKeys: undefined },
    [/encryptionKeys is required outside the sandbox/],
  ],
  [
    'encryption key of the wrong size',
    {
      encryptionKeys: { currentKeyId: 'k1', keys: { k1: Buffer.alloc(16, 1).toString('base64') } },
    },
    [/encryptionKeys: .*k1/],
  ],
  [
    'admin routes without a guard',
    { enableAdminRoutes: true },
    [/enableAdminRoutes needs adminGuard/],
  ],
  [
    'decision policy and review queue',
    {
      decisionPolicy: { expiredId: 'APPROVED', lastAttempt: 'RETRY', unsupportedIdTyp: 'RETRY' },
      manualReview: { fourEyes: 'yes' },
      resolveReviewerId: 'user.id',
    },
    [
      /decisionPolicy.expiredId must be one of RETRY, REVIEW, REJECTED/,
      /decisionPolicy.lastAttempt must be one of REVIEW, REJECTED/,
      /decisionPolicy.unsupportedIdTyp is not an option/,
      /manualReview.fourEyes must be true or false/,
      /resolveReviewerId must be a function/,
    ],
  ],
  ['unknown platform', { platform: 'kix' }, [/platform must be one of legacy, kyx \(got "kix"\)/]],
  ['platform kyx without kyx', { platform: 'kyx' }, [/kyx is required with platform 'kyx'/]],
  [
    'kyx options',
    {
      platform: 'kyx',
      kyx: { clientId: '', authUrl: 'auth.example', poiWorkflowKey: 0, poaWorkflowKey: 1.5 },
    },
    [
      /kyx.clientId must not be empty/,
      /kyx.clientSecret is required/,
      /kyx.authUrl must be an absolute URL/,
      /kyx.poiWorkflowKey must be a whole number from 1/,
      /kyx.poaWorkflowKey must be a whole number from 1/,
    ],
  ],
  [
    'resolveUserId not a function',
    { resolveUserId: 'user.id' },
    [/resolveUserId must be a function/],
  ],
  [
    'misspelt option',
    { callbackBaseURL: 'https://x.example' },
    [/callbackBaseURL is not an option of JumioModule \(did you mean callbackBaseUrl\?\)/],
  ],
];

describe.each<Registration>(['forRoot', 'forRootAsync'])(
  'JumioModule.%s refuses bad options at start-up',
  (registration) => {
    it('starts with good production options', async () => {
      expect(await startupError(registration, { ...GOOD })).toBeUndefined();
    });

    it("starts on platform 'kyx' with the KYX client alone (no legacy pair)", async () => {
      const withoutLegacyPair: Options = { ...GOOD };
      delete withoutLegacyPair.apiToken;
      delete withoutLegacyPair.apiSecret;
      const kyx = { clientId: 'kyx-client', clientSecret: 'kyx-secret' };
      expect(
        await startupError(registration, { ...withoutLegacyPair, platform: 'kyx', kyx }),
      ).toBeUndefined();
    });

    it('starts with the deprecated resilience.maxAttempts, warning once', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        const options = { ...GOOD, resilience: { maxAttempts: 2 } };
        expect(await startupError(registration, options)).toBeUndefined();
        const deprecations = warn.mock.calls.filter((call) => /deprecated/.test(String(call[0])));
        expect(deprecations).toEqual([
          [expect.stringMatching(/resilience.maxAttempts is deprecated: call it resilience.httpAttempts/)],
        ]);
      } finally {
        warn.mockRestore();
      }
    });

    it.each(FAMILIES)('%s', async (_family, changes, expected) => {
      const error = await startupError(registration, { ...GOOD, ...changes });
      expect(error?.name).toBe('JumioOptionsError');
      for (const pattern of expected) expect(error?.message).toMatch(pattern);
      expect((error as Error & { problems: string[] }).problems).toHaveLength(expected.length);
    });
  },
);

describe('JumioModule start-up error', () => {
  it('lists every bad option in one message, and never a credential or key', async () => {
    const error = (await startupError('forRoot', {
      ...GOOD,
      dataCenter: 'DE',
      apiToken: '',
      userAgent: undefined,
      netverifyUrl: 'not-a-url',
      maxAttempts: 0,
      userVisibleExtractedFields: ['passportPhoto'],
      callbackBaseUrl: 'https://203.0.113.7:8443',
      encryptionKeys: { currentKeyId: 'k1', keys: { k1: 'dG9vLXNob3J0LWtleS12YWx1ZQ==' } },
    })) as Error & { problems: string[] };
    expect(error.message).toMatch(/^JumioModule options are invalid \(9 problems\):\n {2}- /);
    for (const option of [
      'dataCenter',
      'apiToken',
      'userAgent',
      'netverifyUrl',
      'maxAttempts',
      'userVisibleExtractedFields',
      'encryptionKeys',
    ]) {
      expect(error.problems.filter((problem) => problem.startsWith(option))).toHaveLength(1);
    }
    expect(error.problems.filter((problem) => problem.startsWith('callbackBaseUrl'))).toHaveLength(
      2,
    );
    for (const secret of ['secret-value', 'dG9vLXNob3J0LWtleS12YWx1ZQ==']) {
      expect(error.message).not.toContain(secret);
    }
  });

  it('tells a forRootAsync host where `dataSource` belongs when its factory returns it', async () => {
    const error = await startupError('forRootAsync', { ...GOOD, dataSource: 'kyc' });
    expect(error?.message).toMatch(
      /dataSource belongs beside useFactory\/useClass in forRootAsync/,
    );
  });
});
