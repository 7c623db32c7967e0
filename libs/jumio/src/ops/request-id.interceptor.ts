import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { requestIdFrom, runWithRequestId } from './request-context';
import { REQUEST_ID_HEADER } from './request-id.middleware';

/**
 * Runs each handler inside its request id's context. The middleware already does so on Express; on
 * Fastify the context set in middleware does not survive body parsing, so the handler enters it again here.
 */
@Injectable()
export class RequestIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    return new Observable((subscriber) =>
      runWithRequestId(requestId, () => next.handle().subscribe(subscriber)),
    );
  }
}
