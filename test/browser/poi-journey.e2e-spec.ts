import request from 'supertest';
import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

/** The demo on each platform (`JUMIO_PLATFORM`); only the capture page's outcome names differ. */
const PLATFORMS: Array<{
  platform: 'legacy' | 'kyx';
  env: Record<string, string>;
  unreadable: string;
  approved: string;
}> = [
  {
    platform: 'legacy',
    env: {},
    unreadable: 'ERROR_NOT_READABLE_ID',
    approved: 'APPROVED_VERIFIED',
  },
  { platform: 'kyx', env: { JUMIO_PLATFORM: 'kyx' }, unreadable: 'BLURRED', approved: 'PASSED' },
];

describe.each(PLATFORMS)('web proof of identity in a real browser ($platform)', (platform) => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;
  // The first journey reads Jumio's legacy Retrieval API to compare what the page shows.
  const legacyOnly = platform.platform === 'legacy' ? it : it.skip;

  beforeAll(async () => {
    env = await startBrowserDemo(platform.env);
  });

  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
    env.sandbox.control.setCallbackDelay(0);
  });

  afterAll(async () => {
    await env?.close();
  });

  legacyOnly(
    'goes to the capture page, comes back to successUrl, waits for Jumio and shows the approval',
    async () => {
      // A visible wait: Jumio's result comes a little after the person is back on the bank's page.
      env.sandbox.control.setCallbackDelay(3000);
      onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-approved'));

      await onboarding.startPoi();
      await onboarding.capture('APPROVED_VERIFIED');

      await onboarding.waitForState('poi', 'waiting');
      expect(onboarding.location()).toBe('/');
      expect(await onboarding.text('notice')).toContain('identity documents were handed over');
      expect(await onboarding.text('poi-headline')).toContain('Waiting for Jumio');

      await onboarding.waitForState('poi', 'approved');
      expect(await onboarding.text('poi-decision')).toBe('APPROVED');
      expect(await onboarding.isVisible('poi-start')).toBe(false);
      expect(await onboarding.state('poa')).toBe('not-started');

      // The demo lets users see what Jumio read of their own document: the name, never the number.
      const [scan] = env.sandbox.control.findTransactions().slice(-1);
      const retrieved = await request(env.sandbox.url)
        .get(`/api/netverify/v2/scans/${scan.reference}/data`)
        .auth('sandbox-retrieval-token', 'sandbox-retrieval-secret')
        .set('User-Agent', 'Test Bank App/1.0')
        .set('Accept', 'application/json');
      const read = await onboarding.page.textContent(
        '[data-testid="poi-status"] [data-testid="extracted"]',
      );
      expect(read).toContain('What Jumio read');
      expect(read).toMatch(new RegExp(`First name\\s*${retrieved.body.document.firstName}`));
      expect(read).not.toContain(retrieved.body.document.number);
      expect(await onboarding.page.textContent('[data-testid="poa-status"]')).not.toContain('null');
      await onboarding.screenshot('poi-approved');
    },
  );

  it('asks for another try after an unreadable ID, and approves the second attempt', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-retry'));

    await onboarding.startPoi();
    await onboarding.capture(platform.unreadable);
    await onboarding.waitForState('poi', 'retry');
    expect(await onboarding.text('poi-decision')).toBe('RETRY');
    expect(await onboarding.text('poi-start')).toBe('Try again');

    await onboarding.startPoi();
    await onboarding.capture(platform.approved);

    await onboarding.waitForState('poi', 'approved');
    expect(await onboarding.text('poi-decision')).toBe('APPROVED');
    expect(await onboarding.page.textContent('[data-testid="poi-status"]')).toMatch(/Attempts\s*2/);
    await onboarding.screenshot(
      platform.platform === 'legacy' ? 'poi-retried-then-approved' : 'kyx-retried-then-approved',
    );
  });
});
