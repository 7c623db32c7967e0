import type { JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { submitCapture } from './support/capture-journey';
import { acquire, initiate, startTestSandbox, validInitiateBody } from './support/sandbox-fixture';
import { getJson, jumioGetHeaders, postJson, send } from './support/sandbox-http';

describe('sandbox: fault switches and callback control', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({ callbackDelayMs: 0, callbackTimeoutMs: 1000 });
  });
  afterEach(() => {
    sandbox.control.reset();
    receiver.answerStatus = 200;
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  async function finishedScan(outcome = 'APPROVED_VERIFIED', callbackUrl = receiver.url) {
    const created = await initiate(sandbox, { callbackUrl });
    await submitCapture(created.redirectUrl, { outcome });
    return created.transactionReference;
  }

  it('answers 500 for the next call of a group only, then recovers', async () => {
    sandbox.control.setFault({ group: 'initiate', kind: 500, times: 1 });
    const failed = await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody());
    expect(failed.status).toBe(500);
    expect(failed.headers['x-jumio-sandbox']).toBe('true');
    expect(failed.json().message).toEqual(expect.any(String));
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
  });

  it('answers 503 for every call of its group, and only its group', async () => {
    sandbox.control.setFault({ group: 'acquisitions', kind: 503 });
    for (let i = 0; i < 2; i++) {
      const answer = await postJson(sandbox.url, '/api/netverify/v2/acquisitions', {});
      expect(answer.status).toBe(503);
    }
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
    sandbox.control.clearFaults();
    expect((await acquire(sandbox)).scanReference).toHaveLength(36);
  });

  it('answers 429 with Retry-After on retrieval', async () => {
    const reference = await finishedScan();
    sandbox.control.setFault({ group: 'retrieval', kind: 429, retryAfterSeconds: 7, times: 2 });
    const limited = await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.json()).toMatchObject({ status: 429 });
    expect((await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`)).status).toBe(429);
    expect((await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`)).status).toBe(200);
  });

  it('hangs a call until the client gives up ("all" covers delete)', async () => {
    const reference = await finishedScan();
    sandbox.control.setFault({ group: 'all', kind: 'hang', times: 1 });
    const started = Date.now();
    await expect(
      send({
        method: 'DELETE',
        url: `${sandbox.url}/api/netverify/v2/scans/${reference}`,
        headers: jumioGetHeaders(),
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/client timeout/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Capture pages and control are never faulted; the next API call is answered again.
    expect((await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}`)).status).toBe(200);
  });

  it('drops the next callback, then delivers again', async () => {
    sandbox.control.dropCallbacks(1);
    const dropped = await finishedScan();
    const [record] = await sandbox.control.waitForCallbacks(1, { reference: dropped });
    expect(record.delivery).toBe('DROPPED');
    expect(receiver.bodiesFor(dropped)).toHaveLength(0);
    // Retrieval still knows the result: the fallback a service needs when a callback never comes.
    expect((await getJson(sandbox.url, `/api/netverify/v2/scans/${dropped}`)).json().status).toBe(
      'DONE',
    );
    const delivered = await finishedScan();
    const [next] = await sandbox.control.waitForCallbacks(1, { reference: delivered });
    expect(next.delivery).toBe('DELIVERED');
    expect(receiver.bodiesFor(delivered)).toHaveLength(1);
  });

  it('drops all callbacks until told otherwise', async () => {
    sandbox.control.dropCallbacks('all');
    const first = await finishedScan();
    const second = await finishedScan();
    await sandbox.control.waitForCallbacks(1, { reference: first });
    await sandbox.control.waitForCallbacks(1, { reference: second });
    expect(receiver.bodiesFor(first).length + receiver.bodiesFor(second).length).toBe(0);
  });

  it('resends a callback byte for byte (a duplicate)', async () => {
    const reference = await finishedScan();
    await sandbox.control.waitForCallbacks(1, { reference });
    const duplicate = await sandbox.control.resendCallback(reference);
    expect(duplicate).toMatchObject({ resend: true, delivery: 'DELIVERED' });
    const bodies = receiver.bodiesFor(reference).map((callback) => callback.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
  });

  it('records a receiver that answers 500 or is down, and keeps serving', async () => {
    receiver.answerStatus = 500;
    const rejected = await finishedScan();
    const [rejectedRecord] = await sandbox.control.waitForCallbacks(1, { reference: rejected });
    expect(rejectedRecord).toMatchObject({ delivery: 'REJECTED', responseStatus: 500 });
    const unreachable = await finishedScan('APPROVED_VERIFIED', CallbackReceiver.deadUrl());
    const [unreachableRecord] = await sandbox.control.waitForCallbacks(1, {
      reference: unreachable,
    });
    expect(unreachableRecord.delivery).toBe('UNREACHABLE');
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
  });

  it('calls event listeners for each settled callback and lists callbacks without mutating', async () => {
    const seen: string[] = [];
    const stop = sandbox.control.onCallback((record) => seen.push(record.reference));
    const reference = await finishedScan();
    await sandbox.control.waitForCallbacks(1, { reference });
    stop();
    expect(seen).toContain(reference);
    const list = sandbox.control.callbacks({ reference });
    list[0].fields.verificationStatus = 'CHANGED';
    expect(sandbox.control.callbacks({ reference })[0].fields.verificationStatus).toBe(
      'APPROVED_VERIFIED',
    );
  });

  it('sets the outcome ahead of time by Jumio reference', async () => {
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    sandbox.control.setOutcome({ reference: created.transactionReference }, 'APPROVED_VERIFIED', {
      identityVerification: { similarity: 'NO_MATCH', validity: true },
    });
    await submitCapture(created.redirectUrl, { outcome: 'DENIED_FRAUD' });
    const [record] = await sandbox.control.waitForCallbacks(1, {
      reference: created.transactionReference,
    });
    expect(record.fields.verificationStatus).toBe('APPROVED_VERIFIED');
    expect(JSON.parse(record.fields.identityVerification)).toEqual({
      similarity: 'NO_MATCH',
      validity: true,
    });
    expect(() =>
      sandbox.control.setOutcome({ reference: created.transactionReference }, 'DENIED_FRAUD'),
    ).toThrow(/already finished/);
  });
});

describe('sandbox: abandoned web journeys', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({ callbackDelayMs: 0, abandonAfterMs: 100 });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('a never-submitted Netverify page ends with a late NO_ID_UPLOADED callback, status FAILED', async () => {
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    await sandbox.control.waitForCallbacks(1, { reference: created.transactionReference });
    const [callback] = receiver.bodiesFor(created.transactionReference);
    expect(Object.fromEntries(callback.form)).toMatchObject({
      verificationStatus: 'NO_ID_UPLOADED',
      idScanStatus: 'ERROR',
      idScanSource: 'WEB',
    });
    expect(callback.form.get('idScanImage')).toBeNull();
    const status = await getJson(
      sandbox.url,
      `/api/netverify/v2/scans/${created.transactionReference}`,
    );
    expect(status.json().status).toBe('FAILED');
  });

  it('a never-submitted DV page ends with a FAILED callback', async () => {
    const created = await acquire(sandbox, { callbackUrl: receiver.url });
    await sandbox.control.waitForCallbacks(1, { reference: created.scanReference });
    const [callback] = receiver.bodiesFor(created.scanReference);
    expect(JSON.parse(callback.form.get('transaction') ?? '')).toMatchObject({
      status: 'FAILED',
      source: 'DOC_UPLOAD',
    });
  });
});

describe('sandbox: scenario control over HTTP', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;
  const control = (method: string, path: string, body?: unknown) =>
    send({
      method,
      url: `${sandbox.url}/sandbox/control${path}`,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    // The default token lifetime applies: abandonment only when triggered.
    sandbox = await startTestSandbox({ callbackDelayMs: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('presets an outcome by customerInternalReference and waits for the callback', async () => {
    const preset = await control('POST', '/outcomes', {
      customerInternalReference: 'http-cir',
      outcome: 'ERROR_NOT_READABLE_ID',
    });
    expect(preset.status).toBe(200);
    const created = await initiate(sandbox, {
      customerInternalReference: 'http-cir',
      callbackUrl: receiver.url,
    });
    await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
    const waited = await control(
      'GET',
      `/callbacks/wait?count=1&reference=${created.transactionReference}&timeoutMs=5000`,
    );
    expect(waited.status).toBe(200);
    expect(waited.json<{ fields: Record<string, string> }[]>()[0].fields.verificationStatus).toBe(
      'ERROR_NOT_READABLE_ID',
    );
    const listed = await control('GET', `/callbacks?reference=${created.transactionReference}`);
    expect(listed.json<unknown[]>()).toHaveLength(1);
  });

  it('triggers abandonment now', async () => {
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    const abandoned = await control(
      'POST',
      `/transactions/${created.transactionReference}/abandon`,
    );
    expect(abandoned.status).toBe(200);
    await sandbox.control.waitForCallbacks(1, { reference: created.transactionReference });
    expect(receiver.bodiesFor(created.transactionReference)[0].form.get('verificationStatus')).toBe(
      'NO_ID_UPLOADED',
    );
    const snapshot = await control('GET', `/transactions/${created.transactionReference}`);
    expect(snapshot.json()).toMatchObject({
      status: 'FAILED',
      abandoned: true,
      outcome: 'NO_ID_UPLOADED',
    });
    expect(
      (await control('POST', `/transactions/${created.transactionReference}/abandon`)).status,
    ).toBe(409);
    expect((await control('POST', '/transactions/unknown/abandon')).status).toBe(404);
  });

  it('sets faults, drops, delay and resends over HTTP, and resets', async () => {
    expect(
      (await control('POST', '/faults', { group: 'initiate', kind: 503, times: 1 })).status,
    ).toBe(200);
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(503);
    expect((await control('POST', '/faults', { group: 'nope', kind: 503 })).status).toBe(400);
    expect((await control('POST', '/callbacks/drop', { count: 1 })).status).toBe(200);
    expect((await control('PUT', '/callback-delay', { ms: 0 })).status).toBe(200);
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
    await sandbox.control.waitForCallbacks(1, { reference: created.transactionReference });
    expect(receiver.bodiesFor(created.transactionReference)).toHaveLength(0);
    const resent = await control('POST', `/callbacks/${created.transactionReference}/resend`);
    expect(resent.json()).toMatchObject({ delivery: 'DELIVERED', resend: true });
    expect(receiver.bodiesFor(created.transactionReference)).toHaveLength(1);
    expect((await control('POST', '/faults', { group: 'all', kind: 500 })).status).toBe(200);
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody())).status).toBe(200);
  });
});
