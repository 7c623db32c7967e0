import type { JumioSandbox } from '@app/jumio-sandbox';
import {
  locationQuery,
  openCapturePage,
  postCaptureForm,
  submitCapture,
} from './support/capture-journey';
import { acquire, initiate, startTestSandbox } from './support/sandbox-fixture';
import { send } from './support/sandbox-http';

const NV_SUCCESS = 'https://bank.example.com/onboarding/poi/success';
const NV_ERROR = 'https://bank.example.com/onboarding/poi/error';
const DV_SUCCESS = 'https://bank.example.com/onboarding/poa/success';
const DV_ERROR = 'https://bank.example.com/onboarding/poa/error';

describe('sandbox: hosted capture pages', () => {
  let sandbox: JumioSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ callbackDelayMs: 0 });
  });
  afterAll(() => sandbox.close());

  describe('Netverify web v4 (redirectUrl)', () => {
    it('shows the banner and stable controls for a browser test', async () => {
      const { redirectUrl } = await initiate(sandbox);
      const { page, action } = await openCapturePage(redirectUrl);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['x-jumio-sandbox']).toBe('true');
      expect(page.text).toContain('Jumio SANDBOX — not Jumio');
      for (const outcome of [
        'APPROVED_VERIFIED',
        'DENIED_FRAUD',
        'ERROR_NOT_READABLE_ID',
        'NO_ID_UPLOADED',
      ]) {
        expect(page.text).toContain(
          `name="outcome" id="outcome-${outcome}" value="${outcome}" data-testid="outcome-${outcome}"`,
        );
      }
      expect(page.text).toContain('data-testid="submit"');
      expect(page.text).toContain('data-testid="cancel"');
      expect(page.text).toContain('name="file" id="file" data-testid="file"');
      expect(page.text).not.toContain('<script');
      expect(action).toContain('/sandbox/capture/netverify?authorizationToken=');
    });

    it.each([
      ['APPROVED_VERIFIED', true],
      ['DENIED_FRAUD', false],
      ['ERROR_NOT_READABLE_ID', true],
    ])(
      '%s: images accepted, so 303 to successUrl with Jumio parameters',
      async (outcome, withFile) => {
        const created = await initiate(sandbox, { customerInternalReference: `cir-${outcome}` });
        const answer = await submitCapture(created.redirectUrl, { outcome, withFile });
        expect(answer.status).toBe(303);
        expect(String(answer.headers.location).startsWith(`${NV_SUCCESS}?`)).toBe(true);
        expect(locationQuery(answer)).toEqual({
          transactionStatus: 'SUCCESS',
          customerInternalReference: `cir-${outcome}`,
          transactionReference: created.transactionReference,
        });
      },
    );

    it('NO_ID_UPLOADED: 303 to errorUrl with errorCode 9820', async () => {
      const created = await initiate(sandbox, { customerInternalReference: 'cir-none' });
      const answer = await submitCapture(created.redirectUrl, { outcome: 'NO_ID_UPLOADED' });
      expect(answer.status).toBe(303);
      expect(String(answer.headers.location).startsWith(`${NV_ERROR}?`)).toBe(true);
      expect(locationQuery(answer)).toEqual({
        transactionStatus: 'ERROR',
        customerInternalReference: 'cir-none',
        transactionReference: created.transactionReference,
        errorCode: '9820',
      });
    });

    it('cancel: 303 to errorUrl with errorCode 9100, and the scan ends NO_ID_UPLOADED', async () => {
      const created = await initiate(sandbox);
      const answer = await submitCapture(created.redirectUrl, {
        outcome: 'APPROVED_VERIFIED',
        action: 'cancel',
      });
      expect(answer.status).toBe(303);
      expect(locationQuery(answer)).toMatchObject({
        transactionStatus: 'ERROR',
        errorCode: '9100',
      });
      const [callback] = await sandbox.control.waitForCallbacks(1, {
        reference: created.transactionReference,
      });
      expect(callback.fields.verificationStatus).toBe('NO_ID_UPLOADED');
    });

    it('keeps query parameters of the successUrl that Jumio does not use', async () => {
      const created = await initiate(sandbox, { successUrl: `${NV_SUCCESS}?flow=onboarding` });
      const answer = await submitCapture(created.redirectUrl, {
        outcome: 'APPROVED_VERIFIED',
        urlEncoded: true,
      });
      expect(locationQuery(answer)).toMatchObject({
        flow: 'onboarding',
        transactionStatus: 'SUCCESS',
      });
    });

    it('shows a plain "done" page when no successUrl / errorUrl was given', async () => {
      const created = await initiate(sandbox, { successUrl: undefined, errorUrl: undefined });
      const answer = await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('Jumio SANDBOX — not Jumio');
      expect(answer.text).toContain('Done');
    });

    it('a used link shows an error and sends the browser to errorUrl with 9200', async () => {
      const created = await initiate(sandbox);
      const { action } = await openCapturePage(created.redirectUrl);
      await postCaptureForm(action, { outcome: 'APPROVED_VERIFIED' });
      const again = await send({ url: created.redirectUrl });
      expect(again.status).toBe(200);
      expect(again.text).toContain('already completed');
      expect(again.text).toMatch(/<meta http-equiv="refresh" content="2;url=[^"]*errorCode=9200/);
      const repost = await postCaptureForm(action, { outcome: 'APPROVED_VERIFIED' });
      expect(repost.status).toBe(303);
      expect(locationQuery(repost)).toMatchObject({
        transactionStatus: 'ERROR',
        errorCode: '9200',
      });
    });

    it('rejects an unknown outcome and an unknown token', async () => {
      const created = await initiate(sandbox);
      const bad = await submitCapture(created.redirectUrl, { outcome: 'EXTRACTED' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('outcome must be one of');
      const unknown = await send({
        url: `${sandbox.url}/web/v4/app?locale=en&authorizationToken=nope`,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('Jumio SANDBOX — not Jumio');
    });

    it('applies and shows an outcome preset through the control', async () => {
      const created = await initiate(sandbox, { customerInternalReference: 'cir-preset-page' });
      sandbox.control.setOutcome(
        { customerInternalReference: 'cir-preset-page' },
        'NO_ID_UPLOADED',
      );
      const { page } = await openCapturePage(created.redirectUrl);
      expect(page.text).toContain('data-testid="preset-note"');
      expect(page.text).toMatch(
        /value="NO_ID_UPLOADED" data-testid="outcome-NO_ID_UPLOADED" checked/,
      );
      const answer = await submitCapture(created.redirectUrl, { outcome: 'APPROVED_VERIFIED' });
      expect(locationQuery(answer)).toMatchObject({
        transactionStatus: 'ERROR',
        errorCode: '9820',
      });
    });
  });

  describe('Document Verification (clientRedirectUrl)', () => {
    it('shows the banner and the three POA outcomes', async () => {
      const { clientRedirectUrl } = await acquire(sandbox);
      const { page, action } = await openCapturePage(clientRedirectUrl);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Jumio SANDBOX — not Jumio');
      for (const outcome of ['EXTRACTED', 'UPLOADED', 'FAILED']) {
        expect(page.text).toContain(`data-testid="outcome-${outcome}"`);
      }
      expect(action).toContain('/sandbox/capture/document?initiationToken=');
    });

    it.each(['EXTRACTED', 'UPLOADED'])(
      '%s: 303 to successUrl with idScanStatus',
      async (outcome) => {
        const created = await acquire(sandbox);
        const answer = await submitCapture(created.clientRedirectUrl, { outcome, withFile: true });
        expect(answer.status).toBe(303);
        expect(String(answer.headers.location).startsWith(`${DV_SUCCESS}?`)).toBe(true);
        expect(locationQuery(answer)).toEqual({
          idScanStatus: 'SUCCESS',
          jumioIdScanReference: created.scanReference,
        });
      },
    );

    it('FAILED: 303 to errorUrl with errorCode 310, transaction FAILED', async () => {
      const created = await acquire(sandbox);
      const answer = await submitCapture(created.clientRedirectUrl, { outcome: 'FAILED' });
      expect(answer.status).toBe(303);
      expect(String(answer.headers.location).startsWith(`${DV_ERROR}?`)).toBe(true);
      expect(locationQuery(answer)).toEqual({
        idScanStatus: 'ERROR',
        jumioIdScanReference: created.scanReference,
        errorCode: '310',
      });
      await sandbox.control.waitForCallbacks(1, { reference: created.scanReference });
      expect(sandbox.control.transaction(created.scanReference)?.status).toBe('FAILED');
    });

    it('a used link ends on errorUrl with 311', async () => {
      const created = await acquire(sandbox);
      await submitCapture(created.clientRedirectUrl, { outcome: 'UPLOADED' });
      const again = await send({ url: created.clientRedirectUrl });
      expect(again.text).toMatch(/errorCode=311/);
    });
  });
});

describe('sandbox: expired capture links', () => {
  let sandbox: JumioSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ callbackDelayMs: 0, abandonAfterMs: 50 });
  });
  afterAll(() => sandbox.close());

  it('Netverify: the page shows an error and sends the browser to errorUrl with 9200', async () => {
    const created = await initiate(sandbox);
    await sandbox.control.waitForCallbacks(1, { reference: created.transactionReference });
    const page = await send({ url: created.redirectUrl });
    expect(page.status).toBe(200);
    expect(page.text).toContain('This link has expired.');
    const target = /content="2;url=([^"]+)"/.exec(page.text)?.[1].replace(/&amp;/g, '&') ?? '';
    expect(Object.fromEntries(new URL(target).searchParams)).toEqual({
      transactionStatus: 'ERROR',
      customerInternalReference: expect.any(String),
      transactionReference: created.transactionReference,
      errorCode: '9200',
    });
  });

  it('Document Verification: the page sends the browser to errorUrl with 211', async () => {
    const created = await acquire(sandbox);
    await sandbox.control.waitForCallbacks(1, { reference: created.scanReference });
    const page = await send({ url: created.clientRedirectUrl });
    expect(page.text).toContain('This link has expired.');
    expect(page.text).toMatch(/errorCode=211/);
  });
});
