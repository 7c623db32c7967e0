import type { JumioSandbox } from '@app/jumio-sandbox';
import { CallbackReceiver } from './support/callback-receiver';
import { submitCapture } from './support/capture-journey';
import { initiate, startTestSandbox } from './support/sandbox-fixture';
import { getJson, postJson } from './support/sandbox-http';

/**
 * The Netverify shapes the decision table must handle, as the scenario control asks for them: they reach
 * the callback and the Retrieval API the way Jumio sends them (jumio-legacy-corrections.md #22-#27).
 */
describe('sandbox: outcomes the decision table needs', () => {
  let sandbox: JumioSandbox;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    sandbox = await startTestSandbox({ callbackDelayMs: 0, callbackTimeoutMs: 1000 });
  });
  afterEach(() => sandbox.control.reset());
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  /** A finished scan with a preset outcome; answers its callback form and retrieval data. */
  async function scan(preset: Record<string, unknown>) {
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    const reference = created.transactionReference;
    const set = await postJson(
      sandbox.url,
      '/sandbox/control/outcomes',
      { reference, ...preset },
      {},
    );
    expect(set.status).toBe(200);
    await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
    await sandbox.control.waitForCallbacks(1, { reference });
    const [callback] = receiver.bodiesFor(reference);
    const data = await getJson(sandbox.url, `/api/netverify/v2/scans/${reference}/data`);
    expect(data.status).toBe(200);
    return { form: callback.form, data: data.json<Record<string, Record<string, unknown>>>() };
  }

  it('an approval without face check: no identityVerification in the callback, null in retrieval', async () => {
    const { form, data } = await scan({ outcome: 'APPROVED_VERIFIED', identityVerification: null });
    expect(form.get('verificationStatus')).toBe('APPROVED_VERIFIED');
    expect(form.has('identityVerification')).toBe(false);
    expect(data.verification.identityVerification).toBeNull();
  });

  it('similarity NOT_POSSIBLE and validity FALSE with a reason, in both', async () => {
    const { form, data } = await scan({
      outcome: 'APPROVED_VERIFIED',
      identityVerification: { similarity: 'NOT_POSSIBLE', validity: false, reason: 'BAD_QUALITY' },
    });
    expect(JSON.parse(form.get('identityVerification')!)).toEqual({
      similarity: 'NOT_POSSIBLE',
      validity: false,
      reason: 'BAD_QUALITY',
    });
    expect(data.verification.identityVerification).toEqual({
      similarity: 'NOT_POSSIBLE',
      validity: 'false',
      reason: 'BAD_QUALITY',
    });
  });

  it.each(['DENIED_UNSUPPORTED_ID_TYPE', 'DENIED_UNSUPPORTED_ID_COUNTRY'])(
    '%s: nothing extracted, no reject reason',
    async (outcome) => {
      const { form, data } = await scan({ outcome });
      expect(form.get('verificationStatus')).toBe(outcome);
      expect(form.get('idScanStatus')).toBe('ERROR');
      expect(form.has('idFirstName')).toBe(false);
      expect(form.has('rejectReason')).toBe(false);
      expect(data.document).toMatchObject({ status: outcome });
      expect(data.document.firstName).toBeUndefined();
    },
  );

  it('an expired ID and a watchlist hit: expiry in both, additionalChecks in retrieval only', async () => {
    const additionalChecks = {
      watchlistScreening: { searchStatus: 'DONE', searchResults: '2' },
      faceSearchFindings: { status: 'DONE', findings: ['3f1c2d4e-0000-4000-8000-000000000001'] },
    };
    const { form, data } = await scan({
      outcome: 'APPROVED_VERIFIED',
      idExpiry: '2021-03-31',
      additionalChecks,
      name: { firstName: 'ANNA', lastName: 'OTHER' },
    });
    expect(form.get('idExpiry')).toBe('2021-03-31');
    expect(form.get('idFirstName')).toBe('ANNA');
    expect(form.has('additionalChecks')).toBe(false);
    expect(data.document).toMatchObject({ expiry: '2021-03-31', lastName: 'OTHER' });
    expect(data.verification.additionalChecks).toEqual(additionalChecks);
  });

  it.each([
    [{ additionalChecks: 'hit' }, 'additionalChecks'],
    [{ idExpiry: 'soon' }, 'idExpiry'],
    [{ name: 'ANNA' }, 'name'],
  ])('refuses a bad override %j with 400 naming it', async (override, field) => {
    const created = await initiate(sandbox, { callbackUrl: receiver.url });
    const answer = await postJson(
      sandbox.url,
      '/sandbox/control/outcomes',
      { reference: created.transactionReference, outcome: 'APPROVED_VERIFIED', ...override },
      {},
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(field);
  });
});
