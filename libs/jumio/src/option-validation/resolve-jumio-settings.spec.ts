import type { JumioModuleOptions } from '../options/jumio.options';
import { resolveJumioSettings } from './resolve-jumio-settings';
import { validateJumioOptions } from './validate-jumio-options';

const KEY = Buffer.alloc(32, 7).toString('base64');

const OPTIONS: JumioModuleOptions = {
  apiToken: 'token-value',
  apiSecret: 'secret-value',
  userAgent: 'Fixture Bank Onboarding/1.0',
  callbackBaseUrl: 'https://onboarding.bank.example',
  encryptionKeys: { currentKeyId: 'k1', keys: { k1: KEY } },
};

function settingsOf(changes: Partial<JumioModuleOptions> = {}) {
  return resolveJumioSettings(validateJumioOptions({ ...OPTIONS, ...changes }));
}

describe('resolveJumioSettings', () => {
  it('applies every default, durations in milliseconds', () => {
    const settings = settingsOf();
    expect(settings.connection).toMatchObject({
      platform: 'legacy',
      dataCenter: 'US',
      requestTimeoutMs: 10_000,
      sandbox: false,
      hosts: { netverifyUrl: 'https://netverify.com' },
    });
    expect(settings.connection.retrievalCredentials).toEqual(settings.connection.startCredentials);
    expect(settings.scans).toMatchObject({
      maxAttempts: 3,
      webLinkLifetimeMs: 30 * 60_000,
      workflowId: 200,
      startClaimLeaseMs: 10_000 + 10_000,
    });
    expect(settings.retrieval.scheduleMs.slice(0, 3)).toEqual([40_000, 60_000, 100_000]);
    expect(settings.retrieval.reconciliationIntervalMs).toBe(15_000);
    expect(settings.callbacks).toMatchObject({
      maxBodyBytes: 65_536,
      bodyTimeoutMs: 10_000,
      rateLimit: { perSecond: 100, burst: 200 },
      inboxIntervalMs: 5_000,
      inboxConcurrency: 4,
      acceptsJson: false,
    });
    expect(settings.dataProtection).toMatchObject({
      personalDataRetentionMs: 90 * 24 * 60 * 60_000,
      rawCallbackRetentionMs: 24 * 60 * 60_000,
      retentionJobIntervalMs: 60_000,
      isSandboxDevKey: false,
      adminRoutesEnabled: false,
    });
    expect(settings.resilience.httpAttempts).toBe(3);
    expect(settings.pacing).toEqual({
      startsPerWindow: 5,
      retrievalsPerWindow: 75,
      windowMs: 5000,
      maxQueueWaitMs: 5000,
    });
    expect(settings.instance).toEqual({
      role: 'all',
      runsBackgroundWork: true,
      outboxRelayIntervalMs: 1_000,
      backgroundPoolSize: 4,
    });
    expect(settings.kyx).toBeUndefined();
  });

  it('converts the options given in seconds, minutes, hours and days once', () => {
    const settings = settingsOf({
      tokenLifetimeMinutes: 5,
      retrievalScheduleSeconds: [1, 2],
      retention: { personalDataDays: 0.5, rawCallbackHours: 2, jobIntervalSeconds: 3 },
    });
    expect(settings.scans.webLinkLifetimeMs).toBe(300_000);
    expect(settings.retrieval.scheduleMs).toEqual([1_000, 2_000]);
    expect(settings.dataProtection).toMatchObject({
      personalDataRetentionMs: 12 * 60 * 60_000,
      rawCallbackRetentionMs: 2 * 60 * 60_000,
      retentionJobIntervalMs: 3_000,
    });
  });

  it('turns every timer off on an API-only instance, and drains the inbox often on a worker', () => {
    const api = settingsOf({ instanceRole: 'api' });
    expect([
      api.callbacks.inboxIntervalMs,
      api.retrieval.reconciliationIntervalMs,
      api.instance.outboxRelayIntervalMs,
      api.dataProtection.retentionJobIntervalMs,
      api.instance.backgroundPoolSize,
    ]).toEqual([0, 0, 0, 0, 0]);
    expect(api.instance.runsBackgroundWork).toBe(false);
    expect(settingsOf({ instanceRole: 'worker' }).callbacks.inboxIntervalMs).toBe(500);
  });

  it('sizes the background pool by the inbox concurrency unless backgroundPoolSize is set', () => {
    const poolFor = (options: Partial<JumioModuleOptions>) =>
      settingsOf(options).instance.backgroundPoolSize;
    expect(poolFor({ callbackInboxConcurrency: 32 })).toBe(16);
    expect(poolFor({ callbackInboxConcurrency: 12 })).toBe(6);
    expect(poolFor({ callbackInboxConcurrency: 200 })).toBe(16);
    expect(poolFor({ callbackInboxConcurrency: 32, backgroundPoolSize: 2 })).toBe(2);
    expect(poolFor({ callbackInboxConcurrency: 32, instanceRole: 'api' })).toBe(0);
  });

  it('reads resilience.httpAttempts, or its deprecated name maxAttempts', () => {
    expect(settingsOf({ resilience: { httpAttempts: 2 } }).resilience.httpAttempts).toBe(2);
    expect(settingsOf({ resilience: { maxAttempts: 4 } }).resilience.httpAttempts).toBe(4);
    expect(settingsOf({ maxAttempts: 7 }).resilience.httpAttempts).toBe(3);
    expect(settingsOf({ maxAttempts: 7 }).scans.maxAttempts).toBe(7);
  });

  it('is frozen, and leaves the host’s own objects as they were', () => {
    const adminGuard = { canActivate: () => true };
    const encryptionKeys = { currentKeyId: 'k1', keys: { k1: KEY } };
    const settings = settingsOf({ enableAdminRoutes: true, adminGuard, encryptionKeys });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.callbacks.allowedCidrs)).toBe(true);
    expect(Object.isFrozen(settings.decisions.poaRules.acceptedDocumentTypes)).toBe(true);
    expect(() => {
      (settings.scans as { maxAttempts: number }).maxAttempts = 99;
    }).toThrow(TypeError);
    expect(settings.dataProtection.adminGuard).toBe(adminGuard);
    expect(Object.isFrozen(adminGuard)).toBe(false);
    expect(Object.isFrozen(encryptionKeys.keys)).toBe(false);
  });

  it('resolves the KYX hosts and workflow keys when kyx is configured', () => {
    const settings = settingsOf({
      dataCenter: 'EU',
      kyx: { clientId: 'id', clientSecret: 'secret' },
    });
    expect(settings.kyx).toMatchObject({
      hosts: { authUrl: 'https://auth.emea-1.jumio.ai' },
      poiWorkflowKey: 10011,
      poaWorkflowKey: 10026,
    });
    expect(settings.callbacks.acceptsJson).toBe(true);
  });
});
