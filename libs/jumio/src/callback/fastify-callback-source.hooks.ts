import { HttpStatus, PayloadTooLargeException, RequestTimeoutException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import {
  CALLBACK_RETRY_AFTER_SECONDS,
  type CallbackSourceGuard,
} from './callback-source.guard';

/** The part of Fastify used here (no import of fastify: hosts on Express need not have it). */
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): FastifyReplyLike;
}
interface FastifyRequestLike {
  raw: IncomingMessage;
}
export interface FastifyHooksLike {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void,
  ): unknown;
  addHook(
    name: 'preParsing',
    hook: (
      request: FastifyRequestLike,
      reply: FastifyReplyLike,
      payload: Readable,
      done: (error: Error | null, payload?: Readable) => void,
    ) => void,
  ): unknown;
}

/**
 * Fastify's counterpart of the Express callback middleware: the source check runs in `onRequest`, before
 * the body is read, and the callback's own size limit is enforced while the body streams in (declared or
 * chunked), as on Express. Fastify applies hooks added before `ready`, so this may run in onModuleInit.
 */
export function installFastifyCallbackSourceHooks(
  fastify: FastifyHooksLike,
  guard: CallbackSourceGuard,
  isCallback: (request: IncomingMessage) => boolean,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isCallback(request.raw)) return done();
    const rejection = guard.inspect(request.raw);
    if (!rejection) return done();
    guard.logRejection(request.raw, rejection.reason);
    reply.code(rejection.status).header('Connection', 'close');
    if (rejection.status === HttpStatus.TOO_MANY_REQUESTS)
      reply.header('Retry-After', String(CALLBACK_RETRY_AFTER_SECONDS));
    reply.send({ statusCode: rejection.status, error: rejection.reason });
  });
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    if (!isCallback(request.raw)) return done(null, payload);
    const limited = payload.pipe(limitBytes(guard.maxBodyBytes));
    // A body trickled in slowly must not hold a connection (and a parser) for minutes.
    const timer = setTimeout(() => {
      guard.logRejection(request.raw, 'BODY_TIMEOUT');
      limited.destroy(
        new RequestTimeoutException({
          statusCode: HttpStatus.REQUEST_TIMEOUT,
          error: 'BODY_TIMEOUT',
        }),
      );
    }, guard.bodyTimeoutMs);
    const clear = () => clearTimeout(timer);
    limited.once('end', clear).once('error', clear).once('close', clear);
    payload.once('error', (error: Error) => limited.destroy(error));
    done(null, limited);
  });
}

/** Passes a stream through, failing with 413 BODY_TOO_LARGE once it exceeds `max` bytes. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= max) return callback(null, chunk);
      // An HttpException, so that Nest's Fastify error handler answers 413 rather than 500.
      callback(
        new PayloadTooLargeException({
          statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
          error: 'BODY_TOO_LARGE',
        }),
      );
    },
  });
}
