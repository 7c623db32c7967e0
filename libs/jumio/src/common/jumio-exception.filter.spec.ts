import { Controller, Get, type INestApplication, Param, UseFilters } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JumioExceptionFilter } from './jumio-exception.filter';
import { JumioError, JumioErrorCode } from './jumio.error';

const OPERATOR_DETAIL = 'Jumio POST https://netverify.com/api/v4/initiate was refused: HTTP 403';

@Controller('fail')
@UseFilters(JumioExceptionFilter)
class FailingController {
  @Get(':code')
  fail(@Param('code') code: JumioErrorCode): never {
    const retryAfter =
      code === JumioErrorCode.JUMIO_RATE_LIMITED || code === JumioErrorCode.JUMIO_BUSY
        ? 12
        : undefined;
    const message = code.startsWith('JUMIO_')
      ? OPERATOR_DETAIL
      : `client-facing message for ${code}`;
    throw new JumioError(code, message, code.startsWith('JUMIO_') ? 403 : undefined, retryAfter);
  }

  @Get('unsaid/rate-limit')
  unsaid(): never {
    throw new JumioError(JumioErrorCode.JUMIO_RATE_LIMITED, OPERATOR_DETAIL, 429);
  }

  @Get('database/down')
  databaseDown(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }

  @Get('plain/error')
  plain(): never {
    throw new Error('not a JumioError');
  }
}

const EXPECTED_STATUS: Record<JumioErrorCode, number> = {
  JUMIO_UNAVAILABLE: 503,
  JUMIO_RATE_LIMITED: 503,
  JUMIO_BUSY: 503,
  JUMIO_AUTH_FAILED: 502,
  JUMIO_REQUEST_REJECTED: 502,
  JUMIO_BAD_RESPONSE: 502,
  JUMIO_NOT_FOUND: 502,
  UNAUTHENTICATED: 401,
  NO_OPEN_TRANSACTION: 409,
  INVALID_STATE: 409,
  ATTEMPTS_EXHAUSTED: 409,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
};

describe.each(['express', 'fastify'] as const)('JumioExceptionFilter on %s', (platform) => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FailingController],
    }).compile();
    app =
      platform === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
        : moduleRef.createNestApplication({ logger: false });
    await app.init();
    if (platform === 'fastify') {
      await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(Object.entries(EXPECTED_STATUS))('answers %s with %i', async (code, status) => {
    const response = await request(app.getHttpServer()).get(`/fail/${code}`).expect(status);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ statusCode: status, error: code, message: expect.any(String) });
  });

  it('adds Retry-After when Jumio rate-limited us', async () => {
    const response = await request(app.getHttpServer()).get('/fail/JUMIO_RATE_LIMITED').expect(503);
    expect(response.headers['retry-after']).toBe('12');
  });

  it('adds Retry-After when the pacing queue is full (JUMIO_BUSY)', async () => {
    const response = await request(app.getHttpServer()).get('/fail/JUMIO_BUSY').expect(503);
    expect(response.headers['retry-after']).toBe('12');
  });

  it("adds Jumio's 5-second window as Retry-After when Jumio's 429 named no wait", async () => {
    const response = await request(app.getHttpServer()).get('/fail/unsaid/rate-limit').expect(503);
    expect(response.headers['retry-after']).toBe('5');
  });

  it('sends no Retry-After otherwise', async () => {
    const response = await request(app.getHttpServer()).get('/fail/JUMIO_UNAVAILABLE').expect(503);
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it("keeps Jumio's operator detail out of the client answer", async () => {
    const response = await request(app.getHttpServer()).get('/fail/JUMIO_AUTH_FAILED').expect(502);
    expect(JSON.stringify(response.body)).not.toContain('netverify.com');
    expect(response.body.message).not.toContain('403');
  });

  it('passes the message of module errors through to the client', async () => {
    const response = await request(app.getHttpServer()).get('/fail/INVALID_INPUT').expect(400);
    expect(response.body.message).toBe('client-facing message for INVALID_INPUT');
  });

  it('answers a database outage 503 with Retry-After and no detail', async () => {
    const response = await request(app.getHttpServer()).get('/fail/database/down').expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.error).toBe('DATABASE_UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|5432/);
  });

  it('leaves other exceptions to Nest', async () => {
    const response = await request(app.getHttpServer()).get('/fail/plain/error').expect(500);
    expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});
