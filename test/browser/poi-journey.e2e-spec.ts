import request from 'supertest';
import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

describe('web proof of identity in a real browser', () => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
  });

  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
    env.sandbox.control.setCallbackDelay(0);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('goes to the capture page, comes back to successUrl, waits for Jumio and shows the approval', async () => {
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
  });

  it('asks for another try after an unreadable ID, and approves the second attempt', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-retry'));

    await onboarding.startPoi();
    await onboarding.capture('ERROR_NOT_READABLE_ID');
    await onboarding.waitForState('poi', 'retry');
    expect(await onboarding.text('poi-decision')).toBe('RETRY');
    expect(await onboarding.text('poi-start')).toBe('Try again');

    await onboarding.startPoi();
    await onboarding.capture('APPROVED_VERIFIED');

    await onboarding.waitForState('poi', 'approved');
    expect(await onboarding.text('poi-decision')).toBe('APPROVED');
    expect(await onboarding.page.textContent('[data-testid="poi-status"]')).toMatch(/Attempts\s*2/);
    await onboarding.screenshot('poi-retried-then-approved');
  });
});
