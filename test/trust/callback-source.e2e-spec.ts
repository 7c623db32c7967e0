import { Logger } from '@nestjs/common';
import request from 'supertest';
import { startJumioTestKit, WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';
import {
  callbackPathOf,
  netverifyCallbackForm,
  postChunked,
  postForm,
  postHeadersOnly,
  waitUntil,
} from './support/trust-kit';

const JUMIO_US_IP = '34.202.241.227';
const UNKNOWN_TOKEN_PATH = `/api/jumio/callback/${'A'.repeat(43)}`;

/** Starts a web POI for a user and returns its Jumio reference and the token-bearing callback path. */
async function startPoi(kit: JumioTestKit, userId: string) {
  const started = await kit.as(userId).post('poi', 'initiate', WEB_URLS);
  expect(started.status).toBe(200);
  const status = await kit.as(userId).status('poi');
  const reference = status.scanReference!;
  return {
    transactionId: status.transactionId!,
    reference,
    path: callbackPathOf(kit.sandbox, reference),
  };
}

async function inboxCount(kit: JumioTestKit): Promise<number> {
  return (await kit.rows('jumio_callback_inbox')).length;
}

describe('callback source checks (sqlite)', () => {
  let open: JumioTestKit; // sandbox mode: Jumio's US list plus loopback
  let strict: JumioTestKit; // loopback is not allowed
  let proxied: JumioTestKit; // behind a trusted proxy on loopback
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    open = await startJumioTestKit('sqlite', { callbackMaxBodyBytes: 16 * 1024 });
    strict = await startJumioTestKit('sqlite', { callbackAllowedIps: [JUMIO_US_IP] });
    proxied = await startJumioTestKit('sqlite', {
      callbackAllowedIps: [JUMIO_US_IP],
      trustedProxies: ['127.0.0.1/32', '::1'],
    });
  });
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());
  afterAll(async () => {
    await Promise.all([open?.close(), strict?.close(), proxied?.close()]);
  });

  it('answers 404 to an unknown token and stores nothing', async () => {
    const before = await inboxCount(open);
    const response = await postForm(
      open.app.url,
      UNKNOWN_TOKEN_PATH,
      netverifyCallbackForm('ref', 'APPROVED_VERIFIED', new Date()),
    );
    expect(response.status).toBe(404);
    expect(await inboxCount(open)).toBe(before);
  });

  it('refuses a source outside the allowlist with 403, stores nothing, logs one line without the token', async () => {
    const { reference, path, transactionId } = await startPoi(strict, 'strict-user');
    const response = await postForm(
      strict.app.url,
      path,
      netverifyCallbackForm(reference, 'APPROVED_VERIFIED', new Date()),
    );
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ statusCode: 403, error: 'SOURCE_NOT_ALLOWED' });
    expect(await inboxCount(strict)).toBe(0);
    expect((await strict.as('strict-user').status('poi')).verification).toBeNull();
    const lines = warn.mock.calls.map((call) => String(call[0]));
    expect(lines).toEqual(['Refused a Jumio callback: SOURCE_NOT_ALLOWED (source 127.0.0.x)']);
    expect(lines.join()).not.toContain(path.split('/').pop());
    expect(lines.join()).not.toContain(transactionId);
  });

  it('refuses a refused source before reading the body', async () => {
    const status = await postHeadersOnly(strict.app.url, UNKNOWN_TOKEN_PATH, {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': '1000',
    });
    expect(status).toBe(403);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const { reference, path } = await startPoi(strict, 'forger');
    const response = await postForm(
      strict.app.url,
      path,
      netverifyCallbackForm(reference, 'APPROVED_VERIFIED', new Date()),
      {
        'X-Forwarded-For': JUMIO_US_IP,
      },
    );
    expect(response.status).toBe(403);
    expect(await inboxCount(strict)).toBe(0);
  });

  it('takes the client from X-Forwarded-For behind a trusted proxy', async () => {
    const response = await postForm(
      proxied.app.url,
      UNKNOWN_TOKEN_PATH,
      { callBackType: 'NETVERIFYID' },
      {
        'X-Forwarded-For': JUMIO_US_IP,
      },
    );
    expect(response.status).toBe(404); // past the source check, refused for its token
  });

  it('behind a trusted proxy, uses the right-most untrusted hop, not a forged left one', async () => {
    const response = await postForm(
      proxied.app.url,
      UNKNOWN_TOKEN_PATH,
      { callBackType: 'NETVERIFYID' },
      {
        'X-Forwarded-For': `${JUMIO_US_IP}, 203.0.113.9`,
      },
    );
    expect(response.status).toBe(403);
    expect(String(warn.mock.calls[0]?.[0])).toContain('203.0.113.x');
  });

  it.each([
    ['JSON', 'application/json', '{"callBackType":"NETVERIFYID"}'],
    ['plain text', 'text/plain', 'callBackType=NETVERIFYID'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
  ])('refuses a %s body with 415', async (_kind, contentType, body) => {
    const before = await inboxCount(open);
    const response = await request(open.app.url)
      .post(UNKNOWN_TOKEN_PATH)
      .set('Content-Type', contentType)
      .send(body);
    expect(response.status).toBe(415);
    expect(await inboxCount(open)).toBe(before);
  });

  it('refuses an oversized body with 413, declared or chunked', async () => {
    const { path } = await startPoi(open, 'big-body');
    const before = await inboxCount(open);
    const big = { callBackType: 'NETVERIFYID', padding: 'x'.repeat(20 * 1024) };
    expect((await postForm(open.app.url, path, big)).status).toBe(413);

    const chunks = Array.from({ length: 20 }, (_, index) => `f${index}=${'y'.repeat(1024)}&`);
    const chunked = await postChunked(open.app.url, path, chunks);
    expect(chunked).toBe(413);
    expect(await inboxCount(open)).toBe(before);
  });

  it('a forged callback with a valid token changes nothing: Jumio’s retrieval decides', async () => {
    const { reference, path, transactionId } = await startPoi(open, 'victim');
    const forged = await postForm(
      open.app.url,
      path,
      netverifyCallbackForm(reference, 'APPROVED_VERIFIED', new Date()),
    );
    expect(forged.status).toBe(200); // stored, then confirmed through retrieval: still PENDING at Jumio
    await waitUntil('the forged callback to be processed', async () => {
      const [entry] = await open.rows<{ processed_at: unknown }>(
        'jumio_callback_inbox',
        `"scan_transaction_id" = '${transactionId}'`,
      );
      return entry !== undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const status = await open.as('victim').status('poi');
    expect(status.verification).toBeNull();
    expect(status.status).toBe('PENDING');
    expect(
      await open.rows('jumio_verification_result', `"scan_transaction_id" = '${transactionId}'`),
    ).toHaveLength(0);
  });
});
