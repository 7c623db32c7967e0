import { connect } from 'node:net';
import request from 'supertest';
import { startDemoApp, type DemoApp } from '../../src/demo-app';
import { ADAPTERS } from '../support/create-test-app';
import { freePort } from '../support/free-port';
import { findLeak } from '../support/leak-patterns';

const STATUS = '/api/private/jumio/poi/!getScanTransactionStatus';

/** Sends only the headers of a POST claiming a 10 MB body; resolves with the answer's status line. */
function declareHugeBody(baseUrl: string, path: string, contentType: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nX-User-Id: big\r\nContent-Type: ${contentType}\r\n` +
          `Content-Length: ${10 * 1024 * 1024}\r\n\r\n`,
      );
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0]);
      }
    });
    socket.on('error', reject);
    setTimeout(
      () => reject(new Error('no answer within 3 s: the body is being waited for')),
      3_000,
    );
  });
}

describe.each(ADAPTERS)('security headers and limits of the demo (%s)', (adapter) => {
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
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('private routes carry the security headers and no X-Powered-By', async () => {
    for (const call of [
      request(demo.url).get(STATUS).set('X-User-Id', 'headers-user'),
      request(demo.url).get(STATUS), // 401
      request(demo.url).post('/api/private/jumio/poi/!initiate').set('X-User-Id', 'h').send({}),
    ]) {
      const response = await call;
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the demo page has a CSP that lets its module script and stylesheet load, nothing inline', async () => {
    const page = await request(demo.url).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script type="module" src="/app.js">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect((await request(demo.url).get('/app.js')).headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    ['a private route', '/api/private/jumio/poi/!initiate', 'application/json'],
    [
      'the callback route',
      `/api/jumio/callback/${'C'.repeat(43)}`,
      'application/x-www-form-urlencoded',
    ],
    ['a demo route', '/', 'application/json'],
  ])('an oversize body on %s is answered 413 without being read', async (_, path, type) => {
    expect(await declareHugeBody(demo.url, path, type)).toMatch(/^HTTP\/1\.1 413/);
  });

  it('error bodies carry no stack traces, SQL, paths or personal data', async () => {
    const answers = await Promise.all([
      request(demo.url).get(STATUS),
      request(demo.url)
        .post('/api/private/jumio/poi/!initiate')
        .set('X-User-Id', 'leaky')
        .set('Content-Type', 'application/json')
        .send('{"successUrl": "https://x.example/", "errorUrl": '),
      request(demo.url)
        .post('/api/private/jumio/poa/!acquisitions')
        .set('X-User-Id', 'leaky')
        .send({ successUrl: 'http://[fe80::1%25eth0]', errorUrl: 'x', documentType: "UB' --" }),
      request(demo.url)
        .post(`/api/jumio/callback/${'D'.repeat(43)}`)
        .type('form')
        .send('firstName=Erika&lastName=Mustermann&dob=1964-08-12'),
      request(demo.url).get('/nowhere/../../etc/passwd'),
    ]);
    for (const response of answers) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(findLeak(response.text)).toBeUndefined();
      expect(response.text).not.toMatch(/Erika|Mustermann|1964/);
    }
  });
});
