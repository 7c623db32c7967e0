import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

describe('interrupted web journeys in a real browser', () => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
  });

  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
    env.sandbox.control.setCallbackDelay(0);
    env.sandbox.control.dropCallbacks(0);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('comes back to errorUrl when the person cancels, explains the code and lets them start again', async () => {
    // The sandbox follows a cancel with a NO_ID_UPLOADED callback (a RETRY); this test is about the
    // redirect alone, so that callback is held back.
    env.sandbox.control.dropCallbacks(1);
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-cancelled'));
    const reported = onboarding.page.waitForRequest((request) =>
      request.url().endsWith('/poi/!setScanTransactionStatus'),
    );

    await onboarding.startPoi();
    await onboarding.cancelCapture();

    expect((await reported).postDataJSON()).toEqual({ status: 'ERROR', errorCode: '9100' });
    await onboarding.waitForState('poi', 'not-started');
    expect(onboarding.location()).toBe('/');
    expect(await onboarding.text('notice')).toContain('did not finish (code 9100: server error)');
    expect(await onboarding.text('poi-start')).toBe('Verify my identity');
    await onboarding.screenshot('poi-error-url');
  });

  it('survives reloads on the capture page and back on the bank page', async () => {
    // Slow enough for a reload while the page waits for Jumio's result.
    env.sandbox.control.setCallbackDelay(3000);
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-reloads'));
    const reports: string[] = [];
    onboarding.page.on('request', (request) => {
      if (request.url().includes('!setScanTransactionStatus'))
        reports.push(request.postData() ?? '');
    });

    await onboarding.startPoi();
    await onboarding.page.reload();
    await onboarding.capture('APPROVED_VERIFIED');
    await onboarding.waitForState('poi', 'waiting');

    await onboarding.page.reload();
    await onboarding.waitForState('poi', 'waiting');
    expect(await onboarding.isVisible('notice')).toBe(false);
    await onboarding.waitForState('poi', 'approved');
    // The redirect's query was read once and then dropped from the address bar.
    expect(reports).toEqual([JSON.stringify({ status: 'SUCCESS' })]);
    expect(onboarding.location()).toBe('/');
    await onboarding.screenshot('poi-after-reloads');
  });

  it('lets a person who went back from the capture page continue where they left off', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poi-resumed'));

    await onboarding.startPoi();
    await onboarding.page.goBack();
    await onboarding.waitForState('poi', 'in-progress');

    await onboarding.page.click('[data-testid="poi-resume"]');
    await onboarding.page.waitForURL('**/web/v4/app?**');
    await onboarding.capture('APPROVED_VERIFIED');
    await onboarding.waitForState('poi', 'approved');
    await onboarding.screenshot('poi-resumed');
  });
});
