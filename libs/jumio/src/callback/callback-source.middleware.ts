import { HttpStatus, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCallbackForm } from './callback-form.reader';
import { CALLBACK_ROUTE } from '../common/callback-url';
import { CallbackSourceGuard } from './callback-source.guard';
import {
  installFastifyCallbackSourceHooks,
  type FastifyHooksLike,
} from './fastify-callback-source.hooks';

/** `POST …/api/jumio/callback/<token>`, under any global prefix. */
const CALLBACK_PATH = new RegExp(`/${CALLBACK_ROUTE}/[^/?#]+/?$`);
/** Names of the body-parser middlewares (Nest registers `jsonParser` and `urlencodedParser`). */
const BODY_PARSER_NAMES = new Set(['jsonParser', 'urlencodedParser', 'rawParser', 'textParser']);

interface RouterLayer {
  handle?: { name?: string };
}

/** The parts of Express used here (typed locally: the module does not depend on express). */
type ExpressRequest = IncomingMessage & { path: string; body?: unknown; _body?: boolean };
type NextFunction = (error?: unknown) => void;
type RequestHandler = (
  request: ExpressRequest,
  response: ServerResponse,
  next: NextFunction,
) => void;
interface ExpressApp {
  use(handler: RequestHandler): unknown;
  router?: { stack?: RouterLayer[] };
}

/**
 * Express middleware for the callback route: refuses by socket and headers first (see
 * CallbackSourceGuard), then reads the form itself under the callback's own size limit, so the host's
 * body parsers (which skip a request whose body was read) never see the callback.
 */
export function createCallbackSourceMiddleware(guard: CallbackSourceGuard): RequestHandler {
  return function jumioCallbackSource(request, response, next) {
    if (request.method !== 'POST' || !CALLBACK_PATH.test(request.path)) return next();
    const rejection = guard.inspect(request);
    if (rejection) return guard.reject(request, response, rejection);
    if (request._body || request.readableEnded) return next(); // read by something mounted earlier
    // A body trickled in slowly must not hold a connection (and a parser) for minutes.
    const bodyTimer = setTimeout(() => {
      if (request.complete) return;
      guard.reject(request, response, {
        status: HttpStatus.REQUEST_TIMEOUT,
        reason: 'BODY_TIMEOUT',
      });
      request.destroy();
    }, guard.bodyTimeoutMs);
    readCallbackForm(request, guard.maxBodyBytes, (failure, form) => {
      clearTimeout(bodyTimer);
      if (response.headersSent) return;
      if (!failure) {
        request.body = form;
        request._body = true; // the host's body parsers skip a request already read
        return next();
      }
      guard.reject(
        request,
        response,
        failure === 'BODY_TOO_LARGE'
          ? { status: HttpStatus.PAYLOAD_TOO_LARGE, reason: 'BODY_TOO_LARGE' }
          : { status: HttpStatus.BAD_REQUEST, reason: 'MALFORMED_BODY' },
      );
    });
  };
}

/**
 * Nest registers the host's body parsers before any module middleware, so a Nest middleware or guard
 * would only run after the body was read. This mounts the callback check on the Express app itself,
 * just ahead of the first body parser (after anything the host mounted earlier, such as request ids).
 * Relies on Express's documented-in-practice `app.router.stack` (Nest inspects it the same way to find
 * its parsers); when the stack is not there, the guard on the controller still refuses, only later.
 */
@Injectable()
export class CallbackSourceMiddlewareInstaller implements OnModuleInit {
  private readonly logger = new Logger('JumioCallback');

  constructor(
    private readonly guard: CallbackSourceGuard,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return; // an application context without HTTP
    const stack =
      adapter.getType() === 'express'
        ? (adapter.getInstance<ExpressApp>().router?.stack ?? undefined)
        : undefined;
    if (adapter.getType() === 'fastify') {
      installFastifyCallbackSourceHooks(
        adapter.getInstance<FastifyHooksLike>(),
        this.guard,
        (request) =>
          request.method === 'POST' && CALLBACK_PATH.test((request.url ?? '').split('?')[0]),
      );
      return;
    }
    if (!Array.isArray(stack)) {
      this.logger.warn(
        'Jumio callbacks are checked by a guard after body parsing (no Express router stack found)',
      );
      return;
    }
    const app = adapter.getInstance<ExpressApp>();
    app.use(createCallbackSourceMiddleware(this.guard));
    const layer = stack.pop() as RouterLayer;
    const firstParser = stack.findIndex((entry) => BODY_PARSER_NAMES.has(entry.handle?.name ?? ''));
    stack.splice(firstParser === -1 ? 0 : firstParser, 0, layer);
  }
}
