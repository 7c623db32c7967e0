import request from 'supertest';
import type { Browser } from 'playwright-core';
import { startBuiltDemo, type BuiltDemo } from './support/built-demo';
import { launchChromium } from './support/chromium';
import { OnboardingPage } from './support/onboarding-page';

/** What `npm ci && npm start` gives a new user: the built dist/, not the TypeScript sources. */
describe('the demo as built (npm start)', () => {
  let demo: BuiltDemo;
  let browser: Browser;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    demo = await startBuiltDemo();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await onboarding?.close();
    await browser?.close();
    await demo?.close();
  });

  it('serves the page, its script and its styles', async () => {
    const page = await request(demo.url).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('app.js');
    const script = await request(demo.url).get('/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    const styles = await request(demo.url).get('/style.css').expect(200);
    expect(styles.headers['content-type']).toMatch(/^text\/css/);
  });

  it('serves Swagger UI and an OpenAPI document with every field of the status', async () => {
    const ui = await request(demo.url).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    const document = await request(demo.url).get('/docs-json').expect(200);
    const status = document.body.components.schemas.ScanTransactionStatusResponse;
    expect(Object.keys(status.properties)).toEqual(
      expect.arrayContaining(['type', 'status', 'transactionId', 'attempts', 'verification']),
    );
  });

  it('takes a person through proof of identity to approval in a real browser', async () => {
    onboarding = await OnboardingPage.open(browser, demo.url, `built-${process.pid}`);
    await onboarding.startPoi();
    await onboarding.capture('APPROVED_VERIFIED');
    await onboarding.waitForState('poi', 'approved');
    expect(await onboarding.text('poi-decision')).toBe('APPROVED');
    await onboarding.screenshot('built-demo-poi-approved');
  });
});
