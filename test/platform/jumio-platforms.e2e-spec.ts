import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { JumioClient } from '@app/jumio/jumio/jumio.client';
import { resolveJumioSettings } from '@app/jumio/option-validation/resolve-jumio-settings';
import { JumioErrorCode } from '@app/jumio/common/jumio.error';
import type { JumioPlatform, PlatformStart } from '@app/jumio/jumio/jumio-platform';
import { KyxJumioPlatform } from '@app/jumio/jumio/kyx/kyx-jumio.platform';
import { KyxClient } from '@app/jumio/jumio/kyx/kyx.client';
import { resolveKyxHosts } from '@app/jumio/jumio/kyx/kyx-hosts';
import { LegacyJumioPlatform } from '@app/jumio/jumio/legacy/legacy-jumio.platform';
import { CallbackReceiver } from '../sandbox/support/callback-receiver';
import { submitCapture } from '../sandbox/support/capture-journey';

const USER_AGENT = 'Example Bank Onboarding/1.2.3';

interface PlatformCase {
  name: 'legacy' | 'kyx';
  create(sandbox: JumioSandbox): JumioPlatform;
  outcomes: { approved: string; retry: string; poaExtracted: string };
  waitForCallback(sandbox: JumioSandbox, jumioReference: string): Promise<void>;
}

/** The same scenarios on both platforms: only these differences are spelled out. */
const PLATFORMS: PlatformCase[] = [
  {
    name: 'legacy',
    create: (sandbox) =>
      new LegacyJumioPlatform(
        new JumioClient(
          resolveJumioSettings({
            apiToken: 'platform-token',
            apiSecret: 'platform-secret',
            userAgent: USER_AGENT,
            callbackBaseUrl: 'http://127.0.0.1',
            netverifyUrl: sandbox.url,
            uploadUrl: sandbox.url,
            retrievalUrl: sandbox.url,
          }),
        ),
        200,
      ),
    outcomes: {
      approved: 'APPROVED_VERIFIED',
      retry: 'ERROR_NOT_READABLE_ID',
      poaExtracted: 'EXTRACTED',
    },
    waitForCallback: async (sandbox, reference) => {
      await sandbox.control.waitForCallbacks(1, { reference });
    },
  },
  {
    name: 'kyx',
    create: (sandbox) =>
      new KyxJumioPlatform(
        new KyxClient({
          clientId: 'platform-client',
          clientSecret: 'platform-client-secret',
          userAgent: USER_AGENT,
          hosts: resolveKyxHosts('EU', {
            authUrl: sandbox.url,
            accountUrl: sandbox.url,
            retrievalUrl: sandbox.url,
          }),
          requestTimeoutMs: 5000,
        }),
        { poiWorkflowKey: 10011, poaWorkflowKey: 10026 },
      ),
    outcomes: { approved: 'PASSED', retry: 'BLURRED', poaExtracted: 'EXTRACTED' },
    waitForCallback: async (sandbox, workflowExecutionId) => {
      await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId });
    },
  },
];

describe.each(PLATFORMS)('platform boundary: $name against the sandbox', (platformCase) => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;
  let platform: JumioPlatform;
  let counter = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startJumioSandbox({
      port: 0,
      callbackDelayMs: 0,
      apiToken: 'platform-token',
      apiSecret: 'platform-secret',
      kyxClientId: 'platform-client',
      kyxClientSecret: 'platform-client-secret',
      logger: () => undefined,
    });
    platform = platformCase.create(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const start = (overrides: Partial<PlatformStart> = {}): PlatformStart => ({
    type: 'POI',
    customerInternalReference: `cir-${platformCase.name}-${++counter}`,
    userReference: `user-${platformCase.name}`,
    callbackUrl: receiver.url,
    tokenLifetimeMs: 30 * 60_000,
    accountId: null,
    locale: 'en',
    documentType: null,
    country: null,
    ...overrides,
  });
  const web = (overrides: Partial<PlatformStart> = {}) => ({
    ...start(overrides),
    successUrl: 'http://localhost/ok',
    errorUrl: 'http://localhost/error',
  });
  const lastCallbackBody = (reference: string): Record<string, unknown> => {
    const received = receiver.received.filter((entry) => entry.body.includes(reference)).at(-1);
    if (!received) throw new Error(`no callback for ${reference}`);
    return received.headers['content-type']?.startsWith('application/json')
      ? (JSON.parse(received.body) as Record<string, unknown>)
      : Object.fromEntries(received.form);
  };

  it('web POI: start, capture, callback read, result retrieved APPROVED with extracted data', async () => {
    const started = await platform.startWeb(web());
    expect(started.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const reference = started.jumioReference!;
    await submitCapture(started.redirectUrl!, {
      outcome: platformCase.outcomes.approved,
      withFile: true,
    });
    await platformCase.waitForCallback(sandbox, reference);

    const claimed = platform.readCallback(lastCallbackBody(reference));
    expect(claimed.jumioReference).toBe(reference);
    expect(claimed.accountId).toBe(started.accountId);

    const result = await platform.retrieve('NETVERIFY', {
      jumioReference: reference,
      accountId: started.accountId,
    });
    expect(result).toMatchObject({
      decision: 'APPROVED',
      jumioReference: reference,
      product: 'NETVERIFY',
    });
    expect(result.extracted).toMatchObject({ firstName: 'JANE', lastName: 'SANDBOX' });
  });

  it('web POA: the extraction arrives for the POA rules', async () => {
    const started = await platform.startWeb(
      web({ type: 'POA', documentType: 'UB', country: 'GBR', locale: null }),
    );
    const reference = started.jumioReference!;
    await submitCapture(started.redirectUrl!, {
      outcome: platformCase.outcomes.poaExtracted,
      withFile: true,
    });
    await platformCase.waitForCallback(sandbox, reference);
    const result = await platform.retrieve('DOCUMENT', {
      jumioReference: reference,
      accountId: started.accountId,
    });
    expect(result.decision).toBe('APPROVED');
    expect(result.extracted).toMatchObject({
      issueDate: expect.any(String),
      address: { city: 'SANDBOX CITY' },
    });
  });

  it('an unusable capture is RETRY', async () => {
    const started = await platform.startWeb(web());
    await submitCapture(started.redirectUrl!, {
      outcome: platformCase.outcomes.retry,
      withFile: true,
    });
    await platformCase.waitForCallback(sandbox, started.jumioReference!);
    const result = await platform.retrieve('NETVERIFY', {
      jumioReference: started.jumioReference!,
      accountId: started.accountId,
    });
    expect(result.decision).toBe('RETRY');
  });

  it('a malformed callback names its field', () => {
    expect(() => platform.readCallback({ nothing: 'here' })).toThrow(/callback field/);
  });

  it('delete: Jumio no longer holds the scan', async () => {
    const started = await platform.startWeb(web());
    await submitCapture(started.redirectUrl!, { outcome: platformCase.outcomes.approved });
    await platformCase.waitForCallback(sandbox, started.jumioReference!);
    const references = { jumioReference: started.jumioReference!, accountId: started.accountId };
    await platform.delete('NETVERIFY', references);
    await expect(platform.retrieve('NETVERIFY', references)).rejects.toMatchObject({
      code: JumioErrorCode.JUMIO_NOT_FOUND,
    });
  });
});

describe('platform boundary: what only KYX does', () => {
  let sandbox: JumioSandbox;
  let platform: KyxJumioPlatform;

  beforeAll(async () => {
    sandbox = await startJumioSandbox({
      port: 0,
      callbackDelayMs: 0,
      kyxClientId: 'platform-client',
      kyxClientSecret: 'platform-client-secret',
      logger: () => undefined,
    });
    platform = PLATFORMS[1].create(sandbox) as KyxJumioPlatform;
  });
  afterAll(() => sandbox.close());

  const start = (overrides: Partial<PlatformStart> = {}): PlatformStart => ({
    type: 'POI',
    customerInternalReference: `cir-kyx-only-${Math.random().toString(36).slice(2)}`,
    userReference: 'user-kyx-only',
    callbackUrl: 'https://bank.example/api/jumio/callback/t0k3n',
    tokenLifetimeMs: 30 * 60_000,
    accountId: null,
    locale: null,
    documentType: null,
    country: null,
    ...overrides,
  });

  it("a user's second workflow reuses their account; a deleted account is replaced", async () => {
    const first = await platform.startMobile(start());
    const second = await platform.startMobile(
      start({ type: 'POA', accountId: first.accountId, documentType: 'BS', country: 'DEU' }),
    );
    expect(second.accountId).toBe(first.accountId);
    expect(sandbox.kyx.execution(second.jumioReference!)).toMatchObject({
      definitionKey: 10026,
      accountId: first.accountId,
    });
    await platform.delete('NETVERIFY', {
      jumioReference: first.jumioReference!,
      accountId: first.accountId,
    });
    const third = await platform.startMobile(start({ accountId: first.accountId }));
    expect(third.accountId).not.toBe(first.accountId);
  });

  it('mobile: an SDK token and the execution id; only that id can be linked', async () => {
    const started = await platform.startMobile(start({ country: 'AUT', documentType: 'PASSPORT' }));
    expect(started.sdkToken).toBeTruthy();
    expect(started.redirectUrl).toBeTruthy();
    const finished = await fetch(`${sandbox.url}/sandbox/kyx/sdk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sdkToken: started.sdkToken, dataCenter: 'EU', outcome: 'PASSED' }),
    });
    const { workflowExecutionId } = (await finished.json()) as { workflowExecutionId: string };
    expect(platform.linkMobileResult(workflowExecutionId, started)).toBe(started.jumioReference);
    expect(() =>
      platform.linkMobileResult('0b3e8f52-0000-4000-8000-000000000000', started),
    ).toThrow(/not this transaction/);
    await sandbox.kyx.waitForCallbacks(1, { workflowExecutionId });
    const result = await platform.retrieve('NETVERIFY', {
      jumioReference: workflowExecutionId,
      accountId: started.accountId,
    });
    expect(result.decision).toBe('APPROVED');
  });

  it('an expired session closes the attempt as RETRY; an unfinished one is PENDING', async () => {
    const started = await platform.startMobile(start());
    const references = { jumioReference: started.jumioReference!, accountId: started.accountId };
    expect((await platform.retrieve('NETVERIFY', references)).decision).toBe('PENDING');
    sandbox.kyx.expireSession(started.jumioReference!);
    expect(await platform.retrieve('NETVERIFY', references)).toMatchObject({
      decision: 'RETRY',
      reasons: ['TOKEN_EXPIRED'],
    });
  });
});
