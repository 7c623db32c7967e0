import { OnboardingStepService, type JumioModuleOptions, type ReviewItem } from '@app/jumio';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import { startJumioTestKit, type JumioTestKit, type UserClient } from '../support/jumio-test-kit';
import { journey, start } from './support/decision-journey';

/** The host's admin authentication stand-in: `X-Admin: yes`; the reviewer is `X-Reviewer-Id`. */
class HeaderAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return (
      context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
        'x-admin'
      ] === 'yes'
    );
  }
}

const ADMIN_OPTIONS: Partial<JumioModuleOptions> = {
  enableAdminRoutes: true,
  adminGuard: HeaderAdminGuard,
  resolveReviewerId: (req) => {
    const id = req.headers['x-reviewer-id'];
    return typeof id === 'string' ? id : undefined;
  },
  // Reconciliation is driven by the test (runOnce).
  reconciliationIntervalMs: 0,
};

/** What the sandbox's persona carries: none of it may reach a reviewer's answer. */
const PERSONAL_DATA = ['JANE', 'Jane', '1990-04-12', '2032-06-30', 'SANDBOX STREET'];

/** Approved document, but no face check: a person must decide. */
const NO_FACE_CHECK = { outcome: 'APPROVED_VERIFIED' as const, identityVerification: null };

function admin(kit: JumioTestKit, action: string, reviewerId: string | null, body: object) {
  const call = request(kit.app.url)
    .post(`/api/private/jumio/admin/!${action}`)
    .set('X-Admin', 'yes');
  return (reviewerId ? call.set('X-Reviewer-Id', reviewerId) : call).send(body);
}

async function openReviewOf(kit: JumioTestKit, transactionId: string): Promise<ReviewItem> {
  const listed = await admin(kit, 'listReviews', 'anna', {});
  expect(listed.status).toBe(200);
  const item = (listed.body.reviews as ReviewItem[]).find(
    (review) => review.transactionId === transactionId,
  );
  expect(item).toBeDefined();
  return item!;
}

async function toReview(kit: JumioTestKit, user: UserClient): Promise<ReviewItem> {
  const status = await journey(kit, user, 'poi', NO_FACE_CHECK);
  expect(status.verification).toMatchObject({
    decision: 'REVIEW',
    reasons: ['IDENTITY_VERIFICATION_MISSING'],
  });
  return openReviewOf(kit, status.transactionId!);
}

describe.each(DATABASES)('manual review queue (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, ADMIN_OPTIONS);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('lists a review with what the reviewer needs and no personal data; APPROVED closes the step, audited', async () => {
    const user = kit.as('review-approve');
    const review = await toReview(kit, user);
    expect(review).toMatchObject({
      userId: 'review-approve',
      scanType: 'POI',
      state: 'OPEN',
      reasons: ['IDENTITY_VERIFICATION_MISSING'],
      jumioStatus: 'APPROVED_VERIFIED',
      attempt: 1,
      proposal: null,
      outcome: null,
    });
    expect(review.scanReference).toMatch(/^[0-9a-f-]{36}$/);
    const listed = JSON.stringify((await admin(kit, 'listReviews', 'anna', {})).body);
    for (const value of PERSONAL_DATA) expect(listed).not.toContain(value);

    const decided = await admin(kit, 'decideReview', 'anna', {
      reviewId: review.reviewId,
      decision: 'APPROVED',
      reason: 'SELFIE_CHECKED_IN_JUMIO_PORTAL',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      state: 'DECIDED',
      outcome: {
        decision: 'APPROVED',
        decidedBy: 'anna',
        confirmedBy: null,
        reason: 'SELFIE_CHECKED_IN_JUMIO_PORTAL',
      },
    });
    expect(await user.status('poi')).toMatchObject({
      status: 'SUCCESS',
      verification: {
        decision: 'APPROVED',
        reasons: ['IDENTITY_VERIFICATION_MISSING', 'MANUAL_REVIEW'],
      },
    });
    const step = await kit.app.app.get(OnboardingStepService).getStepState(user.userId, 'JUMIO');
    expect(step.state).toBe('SATISFIED');

    const audit = await kit.rows<Record<string, string | null>>(
      'jumio_audit_event',
      `"scan_transaction_id" = '${review.transactionId}' AND "cause" = 'REVIEWER'`,
    );
    expect(audit).toMatchObject([
      {
        action: 'STATE_CHANGED',
        previous_decision: 'REVIEW',
        new_decision: 'APPROVED',
        actor_id: 'anna',
        reason: 'SELFIE_CHECKED_IN_JUMIO_PORTAL',
      },
    ]);
    const events = await kit.rows<{ event_type: string }>(
      'jumio_outbox_event',
      `"scan_transaction_id" = '${review.transactionId}' ORDER BY "occurred_at"`,
    );
    expect(events.map((event) => event.event_type)).toEqual([
      'started',
      'review-required',
      'verified',
    ]);
    const open = (await admin(kit, 'listReviews', 'anna', {})).body.reviews as ReviewItem[];
    expect(open.map((item) => item.reviewId)).not.toContain(review.reviewId);
    const done = await admin(kit, 'listReviews', 'anna', { state: 'DECIDED' });
    expect((done.body.reviews as ReviewItem[]).map((item) => item.reviewId)).toContain(
      review.reviewId,
    );
  });

  it('RETRY reopens the step for one more attempt; REJECTED is final', async () => {
    const retried = kit.as('review-retry');
    const first = await toReview(kit, retried);
    const answer = await admin(kit, 'decideReview', 'anna', {
      reviewId: first.reviewId,
      decision: 'RETRY',
      reason: 'SELFIE_MISSING_ASK_AGAIN',
    });
    expect(answer.status).toBe(200);
    expect(await retried.status('poi')).toMatchObject({
      status: 'NOT_STARTED_YET',
      verification: { decision: 'RETRY' },
    });
    expect((await start(retried, 'poi')).status).toBe(200);
    expect((await retried.status('poi')).attempts).toBe(2);

    const rejected = kit.as('review-reject');
    const second = await toReview(kit, rejected);
    await admin(kit, 'decideReview', 'anna', {
      reviewId: second.reviewId,
      decision: 'REJECTED',
      reason: 'IMPERSONATION_SUSPECTED',
    });
    expect(await rejected.status('poi')).toMatchObject({ verification: { decision: 'REJECTED' } });
    expect((await start(rejected, 'poi')).status).toBe(409);
    const step = await kit.app.app
      .get(OnboardingStepService)
      .getStepState('review-reject', 'JUMIO');
    expect(step.state).toBe('REJECTED');
  });

  it('answers clearly: 400 bad input, 401 no reviewer, 403 not an admin, 404 unknown, 409 decided', async () => {
    const user = kit.as('review-errors');
    const review = await toReview(kit, user);
    const decide = (reviewerId: string | null, body: object) =>
      admin(kit, 'decideReview', reviewerId, { reviewId: review.reviewId, ...body });

    const freeText = await decide('anna', { decision: 'APPROVED', reason: 'looks like Jane Doe' });
    expect(freeText.status).toBe(400);
    expect(JSON.stringify(freeText.body)).toContain('reason');
    expect((await decide('anna', { decision: 'PENDING', reason: 'X_Y' })).status).toBe(400);
    expect((await decide(null, { decision: 'APPROVED', reason: 'OK_CHECKED' })).status).toBe(401);
    const notAdmin = await request(kit.app.url)
      .post('/api/private/jumio/admin/!listReviews')
      .send({});
    expect(notAdmin.status).toBe(403);
    const unknown = await admin(kit, 'decideReview', 'anna', {
      reviewId: '00000000-0000-4000-8000-000000000000',
      decision: 'APPROVED',
      reason: 'OK_CHECKED',
    });
    expect(unknown.status).toBe(404);

    expect((await decide('anna', { decision: 'APPROVED', reason: 'OK_CHECKED' })).status).toBe(200);
    const twice = await decide('ben', { decision: 'REJECTED', reason: 'CHANGED_MY_MIND' });
    expect(twice.status).toBe(409);
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'APPROVED' } });
  });

  it('a proof of address waits for a POI under review, and is decided once the reviewer approved it', async () => {
    const user = kit.as('review-poa-waits');
    const review = await toReview(kit, user);
    await journey(kit, user, 'poa', { outcome: 'EXTRACTED' });
    const uploaded = await user.post('poa', 'setScanTransactionStatus', { status: 'SUCCESS' });
    expect(uploaded.body.verification).toMatchObject({
      decision: 'PENDING',
      reasons: ['POA_AWAITING_POI'],
    });
    expect(
      (await kit.app.app.get(OnboardingStepService).getStepState(user.userId, 'JUMIO_POA')).state,
    ).toBe('PENDING');

    await admin(kit, 'decideReview', 'anna', {
      reviewId: review.reviewId,
      decision: 'APPROVED',
      reason: 'SELFIE_CHECKED_IN_JUMIO_PORTAL',
    });
    await kit.app.app.get(ReconciliationService).runOnce();
    expect(await user.status('poa')).toMatchObject({ verification: { decision: 'APPROVED' } });
  });
});

describe.each(DATABASES)('manual review queue, four-eyes (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database, { ...ADMIN_OPTIONS, manualReview: { fourEyes: true } });
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('a decision applies only once a second, different reviewer confirms it', async () => {
    const user = kit.as('four-eyes');
    const review = await toReview(kit, user);
    const decide = (reviewerId: string, decision: string, reason: string) =>
      admin(kit, 'decideReview', reviewerId, { reviewId: review.reviewId, decision, reason });

    const proposed = await decide('anna', 'APPROVED', 'SELFIE_CHECKED');
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      state: 'AWAITING_SECOND',
      proposal: { decision: 'APPROVED', reviewerId: 'anna', reason: 'SELFIE_CHECKED' },
      outcome: null,
    });
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'REVIEW' } });

    const self = await decide('anna', 'APPROVED', 'SELFIE_CHECKED');
    expect(self.status).toBe(409);
    expect(self.body.message).toMatch(/second, different reviewer/);

    // Disagreement: the second opinion becomes the proposal, which needs confirming in turn.
    const disagreed = await decide('ben', 'REJECTED', 'SELFIE_OF_ANOTHER_PERSON');
    expect(disagreed.body).toMatchObject({
      state: 'AWAITING_SECOND',
      proposal: { decision: 'REJECTED', reviewerId: 'ben' },
    });
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'REVIEW' } });

    const confirmed = await decide('carla', 'REJECTED', 'AGREE_WITH_FIRST_REVIEWER');
    expect(confirmed.body).toMatchObject({
      state: 'DECIDED',
      outcome: {
        decision: 'REJECTED',
        decidedBy: 'ben',
        confirmedBy: 'carla',
        reason: 'SELFIE_OF_ANOTHER_PERSON',
      },
    });
    expect(await user.status('poi')).toMatchObject({ verification: { decision: 'REJECTED' } });

    const audit = await kit.rows<Record<string, string | null>>(
      'jumio_audit_event',
      `"scan_transaction_id" = '${review.transactionId}' AND "cause" = 'REVIEWER' ORDER BY "occurred_at"`,
    );
    expect(audit.map((row) => [row.action, row.actor_id, row.new_decision])).toEqual([
      ['REVIEW_PROPOSED', 'anna', 'REVIEW'],
      ['REVIEW_PROPOSED', 'ben', 'REVIEW'],
      ['STATE_CHANGED', 'carla', 'REJECTED'],
    ]);
  });
});
