import request from 'supertest';
import { startDemoApp, type DemoApp } from '../../src/demo-app';
import { freePort } from '../support/free-port';
import { finishWebJourney, WEB_URLS } from '../support/jumio-test-kit';

/**
 * The demo host app with HTTP_ADAPTER=fastify, end to end: Fastify-specific behaviour that the Express
 * suites cannot show (literal `!` routes, the user set by Nest middleware on the raw request, Jumio's
 * urlencoded callback parsed and checked, ops endpoints).
 */
describe('demo app on Fastify', () => {
  let demo: DemoApp;

  beforeAll(async () => {
    // A known port: the demo builds the callback URL it hands to Jumio from PORT.
    demo = await startDemoApp({
      PORT: String(await freePort()),
      DATABASE_PATH: ':memory:',
      HTTP_ADAPTER: 'fastify',
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
    get: (path: string) => request(demo.url).get(path).set('X-User-Id', userId),
    post: (path: string, body: object = {}) =>
      request(demo.url).post(path).set('X-User-Id', userId).send(body),
  });

  it('runs on Fastify', () => {
    expect(demo.app.getHttpAdapter().getType()).toBe('fastify');
  });

  it('serves the literal-! routes, by GET and POST, percent-encoded or not', async () => {
    const user = as('fastify-user-1');
    for (const path of ['!getScanTransactionStatus', '%21getScanTransactionStatus']) {
      const byGet = await user.get(`/api/private/jumio/poi/${path}`);
      expect(byGet.status).toBe(200);
      expect(byGet.body).toMatchObject({ type: 'POI', status: 'NOT_STARTED_YET' });
    }
    expect((await user.post('/api/private/jumio/poa/!getScanTransactionStatus')).status).toBe(200);
    expect(
      (await request(demo.url).get('/api/private/jumio/poi/!getScanTransactionStatus')).status,
    ).toBe(401);
  });

  it('validates bodies with 400s naming the field', async () => {
    const response = await as('fastify-user-2').post('/api/private/jumio/poi/!initiate', {
      successUrl: 'not a url',
      errorUrl: WEB_URLS.errorUrl,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('successUrl');
  });

  it('takes a web journey to SUCCESS through Jumio’s urlencoded callback', async () => {
    const user = as('fastify-user-3');
    const started = await user.post('/api/private/jumio/poi/!initiate', WEB_URLS);
    expect(started.status).toBe(200);
    await finishWebJourney(started.body.redirectUrl as string, 'APPROVED_VERIFIED');
    await demo.sandbox!.control.waitForCallbacks(1);

    let status = (await user.get('/api/private/jumio/poi/!getScanTransactionStatus')).body;
    for (let i = 0; i < 50 && status.verification?.decision !== 'APPROVED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await user.get('/api/private/jumio/poi/!getScanTransactionStatus')).body;
    }
    expect(status).toMatchObject({ status: 'SUCCESS', verification: { decision: 'APPROVED' } });
    const [callback] = demo.sandbox!.control.callbacks();
    expect(callback).toMatchObject({ responseStatus: 200 });
  });

  it('serves the demo page and its script and style', async () => {
    const page = await request(demo.url).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<script type="module" src="/app.js">');
    const script = await request(demo.url).get('/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request(demo.url).get('/style.css')).headers['content-type']).toMatch(
      /^text\/css/,
    );
  });

  it('serves health, metrics and request ids', async () => {
    expect((await request(demo.url).get('/health/ready')).body).toMatchObject({ status: 'ok' });
    const metrics = await request(demo.url).get('/metrics');
    expect(metrics.text).toContain('jumio_callbacks_received_total 1');
    const traced = await request(demo.url).get('/health/live').set('X-Request-Id', 'abc-123');
    expect(traced.headers['x-request-id']).toBe('abc-123');
  });
});
