import { ConsoleLogger } from '@nestjs/common';
import { currentRequestId } from './request-context';

type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;
type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/**
 * Nest's ConsoleLogger with the current request id added to every JSON log line, so that one request's
 * lines (access log, warnings, Jumio failures) can be found together. Use with `{ json: true }`.
 */
export class RequestIdConsoleLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): JsonLogObject {
    const logObject = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    return requestId === undefined ? logObject : { ...logObject, requestId };
  }
}
