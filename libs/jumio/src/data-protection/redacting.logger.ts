import type { LoggerService, LogLevel } from '@nestjs/common';
import { redact } from './redact';

/**
 * A Nest `LoggerService` that redacts every message and parameter before handing it to `inner`.
 * The module's own code never logs personal data; this is the net under the host's and libraries' logs:
 * `NestFactory.create(AppModule, { logger: new RedactingLogger(new ConsoleLogger()) })`.
 */
export class RedactingLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.log(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.error(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.warn(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.debug?.(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.verbose?.(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.inner.fatal?.(redact(message), ...optionalParams.map((param) => redact(param)));
  }

  setLogLevels(levels: LogLevel[]): void {
    this.inner.setLogLevels?.(levels);
  }
}
