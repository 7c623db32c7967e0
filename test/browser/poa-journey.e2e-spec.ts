import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

describe('web proof of address in a real browser', () => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
  });

  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('after an approved identity, uploads a utility bill and shows the approval once data is extracted', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poa-extracted'));
    await onboarding.approvePoi();

    await onboarding.startPoa('UB', 'GBR');
    await onboarding.capture('EXTRACTED');

    await onboarding.waitForState('poa', 'approved');
    expect(onboarding.location()).toBe('/');
    expect(await onboarding.text('notice')).toContain('address documents were handed over');
    expect(await onboarding.text('poa-decision')).toBe('APPROVED');
    expect(await onboarding.page.textContent('[data-testid="poa-status"]')).toContain('EXTRACTED');
    expect(await onboarding.state('poi')).toBe('approved');
    await onboarding.screenshot('poa-extracted');
  });

  it('asks for the identity first when the address comes before it', async () => {
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, uniqueUser('poa-first'));

    await onboarding.startPoa('BS', 'GBR');
    await onboarding.capture('EXTRACTED');

    await onboarding.waitForState('poa', 'retry');
    expect(await onboarding.text('poa-reasons')).toContain(
      'prove your identity first (step 1) (POA_NO_APPROVED_POI)',
    );
    expect(await onboarding.state('poi')).toBe('not-started');
    await onboarding.screenshot('poa-before-poi');
  });
});
