import { OutboxRelay } from '@app/jumio/events/outbox-relay.service';
import { ReconciliationService } from '@app/jumio/reconciliation/reconciliation.service';
import { ScanTransactionEvents, type ScanTransactionEvent } from '@app/jumio';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
} from '../support/jumio-test-kit';
import {
  callbackPathOf,
  netverifyCallbackForm,
  postForm,
  rowsOf,
  waitUntil,
} from './support/trust-kit';

describe.each(DATABASES)('replayed and late callbacks (%s)', (database) => {
  let kit: JumioTestKit;
  const received: ScanTransactionEvent[] = [];

  beforeAll(async () => {
    kit = await startJumioTestKit(database, {
      reconciliationIntervalMs: 0,
      outboxRelayIntervalMs: 0,
    });
    kit.app.app.get(ScanTransactionEvents).subscribe((event) => void received.push(event));
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('10 identical callbacks at once make one state change', async () => {
    const user = kit.as('replayed');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    const { transactionId, scanReference } = await user.status('poi');
    kit.sandbox.control.dropCallbacks(1);
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    const [dropped] = await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
    expect(dropped.delivery).toBe('DROPPED');

    const replies = await Promise.all(
      Array.from({ length: 10 }, () => kit.sandbox.control.resendCallback(scanReference!)),
    );
    expect(replies.map((reply) => reply.responseStatus)).toEqual(Array(10).fill(200));
    await waitUntil('every callback to be processed', async () => {
      const inbox = await rowsOf<{ processed_at: unknown }>(
        kit,
        'jumio_callback_inbox',
        transactionId!,
      );
      return inbox.length === 10 && inbox.every((entry) => entry.processed_at !== null);
    });

    expect((await user.status('poi')).verification).toMatchObject({ decision: 'APPROVED' });
    expect(await rowsOf(kit, 'jumio_verification_result', transactionId!)).toHaveLength(1);
    const outcomes = (
      await rowsOf<{ outcome: string }>(kit, 'jumio_callback_inbox', transactionId!)
    ).map((e) => e.outcome);
    expect(outcomes.filter((outcome) => outcome === 'APPLIED')).toHaveLength(1);
    expect(await rowsOf(kit, 'jumio_outbox_event', transactionId!)).toHaveLength(2); // started, verified

    await kit.app.app.get(OutboxRelay).runOnce();
    expect(
      received.filter((event) => event.transactionId === transactionId).map((event) => event.type),
    ).toEqual(['started', 'verified']);
  });

  it('a callback older than the stored result, saying otherwise, changes nothing', async () => {
    const user = kit.as('late');
    const started = await user.post('poi', 'initiate', WEB_URLS);
    const { transactionId, scanReference } = await user.status('poi');
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    await waitUntil(
      'the result',
      async () => (await user.status('poi')).verification?.decision === 'APPROVED',
    );
    const before = await user.status('poi');

    const stale = netverifyCallbackForm(
      scanReference!,
      'ERROR_NOT_READABLE_ID',
      new Date(Date.now() - 3_600_000),
    );
    const response = await postForm(
      kit.app.url,
      callbackPathOf(kit.sandbox, scanReference!),
      stale,
    );
    expect(response.status).toBe(200);
    await waitUntil('the late callback to be processed', async () => {
      const inbox = await rowsOf<{ processed_at: unknown }>(
        kit,
        'jumio_callback_inbox',
        transactionId!,
      );
      return inbox.length === 2 && inbox.every((entry) => entry.processed_at !== null);
    });

    expect(await user.status('poi')).toEqual(before);
    expect(await rowsOf(kit, 'jumio_verification_result', transactionId!)).toHaveLength(1);
    expect((await kit.app.app.get(ReconciliationService).runOnce()).applied).toEqual([]);
  });
});
