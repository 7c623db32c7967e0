import { parseOptions, walkMobileFlow } from '../../scripts/mobile-demo';
import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

/** The demo with JUMIO_PLATFORM=kyx: the same page, Jumio's KYX web client (sandbox) behind it. */
describe('web proof of identity and address on KYX in a real browser', () => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo({ JUMIO_PLATFORM: 'kyx' });
  });

  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('reaches APPROVED for identity, then address, through the KYX capture pages', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('kyx-approved'));

    await onboarding.startPoi();
    expect(onboarding.page.url()).toContain('/kyx/web/v4/app?');
    expect(await onboarding.page.textContent('[data-testid="sandbox-banner"]')).toBe(
      'Jumio SANDBOX — not Jumio',
    );
    await onboarding.capture('PASSED');
    await onboarding.waitForState('poi', 'approved');
    expect(await onboarding.text('poi-decision')).toBe('APPROVED');
    expect(await onboarding.text('notice')).toContain('identity documents were handed over');

    await onboarding.page.selectOption('[data-testid="poa-document-type"]', 'UB');
    await onboarding.page.fill('[data-testid="poa-country"]', 'GBR');
    await onboarding.page.click('[data-testid="poa-start"]');
    await onboarding.page.waitForURL('**/kyx/web/v4/app?**');
    await onboarding.capture('EXTRACTED');
    await onboarding.waitForState('poa', 'approved');
    expect(await onboarding.text('poa-decision')).toBe('APPROVED');
    const [poi, poa] = env.sandbox.kyx.findExecutions().slice(-2);
    expect(poa.accountId).toBe(poi.accountId);
    await onboarding.screenshot('kyx-approved');
  });

  it('the mobile demo walks the SDK 4.x flow on KYX to its decision', async () => {
    const lines: string[] = [];
    const options = parseOptions([
      '--user',
      uniqueUser('kyx-mobile'),
      '--type',
      'poi',
      '--outcome',
      'PASSED',
      '--url',
      env.demo.url,
      '--sandbox-url',
      env.sandbox.url,
      '--timeout',
      '30',
    ]);
    const status = await walkMobileFlow(options, (line) => lines.push(line));
    expect(status.verification?.decision).toBe('APPROVED');
    expect(lines.join('\n')).not.toMatch(/secret/i);
  });
});
