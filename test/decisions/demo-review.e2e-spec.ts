import request from 'supertest';
import { startDemoApp, type DemoApp } from '../../src/demo-app';
import { ADAPTERS } from '../support/create-test-app';
import { freePort } from '../support/free-port';
import { finishWebJourney, WEB_URLS } from '../support/jumio-test-kit';

/**
 * The review queue end to end in the demo app, as README's "Try it" describes: a user uses up the attempts
 * with unreadable IDs, the last one goes to manual review, and a dev reviewer (X-User-Id: reviewer-…)
 * decides it through the admin routes that Swagger UI documents.
 */
describe.each(ADAPTERS)('demo: manual review queue (%s)', (adapter) => {
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await startDemoApp({
      PORT: String(await freePort()),
      DATABASE_PATH: ':memory:',
      HTTP_ADAPTER: adapter,
      JUMIO_SANDBOX: 'true',
      JUMIO_SANDBOX_PORT: '0',
      ACCESS_LOG: 'false',
    });
    demo.sandbox!.control.setCallbackDelay(0);
  });
  afterAll(async () => {
    await demo?.close();
  });

  const as = (userId: string) => ({
    post: (path: string, body: object = {}) =>
      request(demo.url).post(path).set('X-User-Id', userId).send(body),
  });

  async function unreadableAttempt(userId: string) {
    const user = as(userId);
    const started = await user.post('/api/private/jumio/poi/!initiate', WEB_URLS);
    expect(started.status).toBe(200);
    const { scanReference } = (await user.post('/api/private/jumio/poi/!getScanTransactionStatus'))
      .body as { scanReference: string };
    await finishWebJourney(started.body.redirectUrl, 'ERROR_NOT_READABLE_ID');
    await demo.sandbox!.control.waitForCallbacks(1, { reference: scanReference });
    // The callback is confirmed through retrieval after its 200: wait until the result is applied.
    for (let i = 0; i < 100; i++) {
      const status = await user.post('/api/private/jumio/poi/!getScanTransactionStatus');
      if (status.body.verification) return status.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no result');
  }

  it('the last attempt goes to review; a reviewer decides it; others cannot', async () => {
    const userId = `demo-review-${adapter}`;
    await unreadableAttempt(userId);
    await unreadableAttempt(userId);
    const last = await unreadableAttempt(userId);
    expect(last).toMatchObject({
      status: 'SUCCESS',
      attempts: 3,
      verification: { decision: 'REVIEW' },
    });
    expect(last.verification.reasons).toContain('MAX_ATTEMPTS_REACHED');

    const customer = await as(userId).post('/api/private/jumio/admin/!listReviews');
    expect(customer.status).toBe(403);
    const reviewer = as('reviewer-anna');
    const listed = await reviewer.post('/api/private/jumio/admin/!listReviews', {
      scanType: 'POI',
    });
    expect(listed.status).toBe(200);
    const review = (listed.body.reviews as Array<{ reviewId: string; userId: string }>).find(
      (item) => item.userId === userId,
    );
    expect(review).toBeDefined();

    const decided = await reviewer.post('/api/private/jumio/admin/!decideReview', {
      reviewId: review!.reviewId,
      decision: 'RETRY',
      reason: 'ONE_MORE_ATTEMPT_GRANTED',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      state: 'DECIDED',
      outcome: { decidedBy: 'reviewer-anna' },
    });
    const again = await as(userId).post('/api/private/jumio/poi/!initiate', WEB_URLS);
    expect(again.status).toBe(200);
  });

  it('documents the review routes in the OpenAPI document, with the dev user as security', async () => {
    const document = (await request(demo.url).get('/docs-json')).body as {
      paths: Record<string, unknown>;
      security?: unknown[];
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/private/jumio/admin/!listReviews',
        '/api/private/jumio/admin/!decideReview',
      ]),
    );
    expect(document.security).toEqual([{ 'dev-user': [] }]);
  });
});
