import request from 'supertest';
import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

describe('manual review in a real browser', () => {
  let env: BrowserDemo;
  let onboarding: OnboardingPage | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
  });
  afterEach(async () => {
    await onboarding?.close();
    onboarding = undefined;
    env.sandbox.control.reset();
    env.sandbox.control.setCallbackDelay(0);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows "we are checking your documents" while a reviewer decides, then the decision', async () => {
    const user = uniqueUser('poi-review');
    onboarding = await OnboardingPage.open(env.browser, env.demo.url, user);
    await onboarding.startPoi();
    // Jumio approves the document but sends no face check: a person at the bank must decide.
    const [scan] = env.sandbox.control.findTransactions().slice(-1);
    env.sandbox.control.setOutcome({ reference: scan.reference }, 'APPROVED_VERIFIED', {
      identityVerification: null,
    });
    await onboarding.capture('APPROVED_VERIFIED');

    await onboarding.waitForState('poi', 'review');
    expect(await onboarding.text('poi-headline')).toContain('We are checking your documents');
    expect(await onboarding.text('poi-decision')).toBe('REVIEW');
    expect(await onboarding.isVisible('poi-start')).toBe(false);
    await onboarding.screenshot('poi-in-review');

    const reviewer = (action: string, body: object) =>
      request(env.demo.url)
        .post(`/api/private/jumio/admin/!${action}`)
        .set('X-User-Id', 'reviewer-anna')
        .send(body);
    const listed = await reviewer('listReviews', {});
    const review = (listed.body.reviews as Array<{ reviewId: string; userId: string }>).find(
      (item) => item.userId === user,
    );
    expect(review).toBeDefined();
    const decided = await reviewer('decideReview', {
      reviewId: review!.reviewId,
      decision: 'APPROVED',
      reason: 'SELFIE_CHECKED_IN_JUMIO_PORTAL',
    });
    expect(decided.status).toBe(200);

    // The page keeps polling while in review and shows the decision without a reload.
    await onboarding.waitForState('poi', 'approved');
    expect(await onboarding.text('poi-reasons')).toContain('decided by our team');
  });
});
