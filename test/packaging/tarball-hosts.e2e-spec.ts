import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { submitCapture } from '../sandbox/support/capture-journey';
import { startPostgres, type TestDatabase } from '../support/postgres';
import { freePort } from '../support/free-port';
import { installHost, type HostVariant, type RunningHost } from './support/host-fixture';

/*
 * What a bank gets: a host in its own folder (outside the monorepo and its path aliases) that installs the
 * two tarballs of `npm run pack` and only its own Nest/TypeORM stack, compiles with skipLibCheck: false
 * and takes a user through a web proof of identity against the sandbox package.
 * The ends of the supported Nest range: 12 on Express (with Swagger, events and the ops entry) and on
 * Fastify with none of express, Swagger, the event emitter or the ops peers installed; 11 on Express.
 */
const INSTALL_MS = 300_000;

const NEST_12_FASTIFY: HostVariant = {
  name: 'nest12-fastify',
  entry: 'main-fastify',
  dependencies: {
    '@nestjs/platform-express': undefined,
    '@nestjs/swagger': undefined,
    '@nestjs/event-emitter': undefined,
    '@nestjs/terminus': undefined,
    '@nestjs/throttler': undefined,
    '@nestjs/platform-fastify': '^12.5.0',
  },
};
const NEST_12_EXPRESS: HostVariant = {
  name: 'nest12-express',
  entry: 'main-express',
  dependencies: {},
};
const NEST_11_EXPRESS: HostVariant = {
  name: 'nest11-express',
  entry: 'main-express',
  // The classic Nest 11 starter: CommonJS with node10 resolution (entry points found by typesVersions).
  compilerOptions: { module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0' },
  dependencies: {
    '@nestjs/common': '^11.1.0',
    '@nestjs/core': '^11.1.0',
    '@nestjs/platform-express': '^11.1.0',
    '@nestjs/typeorm': '^11.0.0',
    '@nestjs/swagger': '^11.2.0',
    '@nestjs/event-emitter': '^3.0.0',
    '@nestjs/terminus': '^11.0.0',
    '@nestjs/throttler': '^6.4.0',
    'class-validator': '^0.14.1',
  },
};

describe.each([NEST_12_EXPRESS, NEST_12_FASTIFY, NEST_11_EXPRESS])(
  'a host installed from the tarballs: $name',
  (variant) => {
    let database: TestDatabase;
    let host: RunningHost;
    let dir: string;

    beforeAll(async () => {
      const installed = installHost(variant);
      dir = installed.dir;
      database = await startPostgres();
      host = await installed.start({
        PORT: String(await freePort()),
        DATABASE_URL: database.url,
      });
    }, INSTALL_MS);

    afterAll(async () => {
      await host?.stop();
      await database?.stop();
    });

    it('takes a user through a web proof of identity to APPROVED', async () => {
      const user = `host-user-${variant.name}`;
      const initiated = await request(host.url)
        .post('/api/private/jumio/poi/!initiate')
        .set('X-User-Id', user)
        .send({ successUrl: `${host.url}/done`, errorUrl: `${host.url}/failed` })
        .expect(200);
      const captured = await submitCapture(initiated.body.redirectUrl, {
        outcome: 'APPROVED_VERIFIED',
        urlEncoded: true,
      });
      expect(captured.status).toBe(303);
      await request(host.url)
        .post('/api/private/jumio/poi/!setScanTransactionStatus')
        .set('X-User-Id', user)
        .send({ status: 'SUCCESS' })
        .expect(200);

      const decision = await waitForDecision(host, user);
      expect(decision).toBe('APPROVED');
      const step = await request(host.url).get('/onboarding/jumio').set('X-User-Id', user);
      expect(step.body).toMatchObject({ state: 'SATISFIED' });
    });

    if (variant.entry === 'main-fastify') {
      it('runs with no express, Swagger, event emitter or ops peers in node_modules', () => {
        for (const absent of [
          'express',
          '@nestjs/swagger',
          '@nestjs/event-emitter',
          '@nestjs/terminus',
        ])
          expect({ absent, installed: existsSync(join(dir, 'node_modules', absent)) }).toEqual({
            absent,
            installed: false,
          });
      });
    } else {
      it('shows every field of the status schema in its OpenAPI document', async () => {
        const document = await request(host.url).get('/docs-json').expect(200);
        const schemas = document.body.components.schemas as Record<
          string,
          { properties?: Record<string, unknown> }
        >;
        expect(Object.keys(schemas.ScanTransactionStatusResponse.properties ?? {}).sort()).toEqual([
          'attempts',
          'channel',
          'scanReference',
          'status',
          'transactionId',
          'type',
          'updatedAt',
          'verification',
        ]);
        expect(Object.keys(schemas.VerificationResponse.properties ?? {})).toEqual(
          expect.arrayContaining(['decision', 'reasons', 'jumioStatus', 'completedAt']),
        );
      });

      it('delivers the result as an event and serves the ops entry point', async () => {
        await waitFor(() => /emitted verified JUMIO/.test(host.output()), 10_000);
        expect(host.output()).toMatch(/subscribed verified/);
        await request(host.url).get('/health/live').expect(200);
      });
    }
  },
);

async function waitForDecision(host: RunningHost, user: string): Promise<string> {
  let decision = 'PENDING';
  await waitFor(async () => {
    const status = await request(host.url)
      .get('/api/private/jumio/poi/!getScanTransactionStatus')
      .set('X-User-Id', user)
      .expect(200);
    decision = status.body.verification?.decision ?? 'PENDING';
    return decision !== 'PENDING';
  }, 20_000);
  return decision;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
