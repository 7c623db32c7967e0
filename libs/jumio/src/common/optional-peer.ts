import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';

/**
 * Loads a package the host may or may not have installed (an optional peer dependency): the package, or
 * undefined when it is not installed. Any other failure while loading it is a real error and is thrown.
 */
export function optionalPeer<T>(name: string): T | undefined {
  try {
    // A plain require: an optional peer must not be loaded (or needed) unless the host installed it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const missing =
      (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
      String((error as Error).message).includes(`'${name}'`);
    if (missing) return undefined;
    throw error;
  }
}

/** The part of `@nestjs/event-emitter`'s EventEmitter2 the module uses. */
export interface EventEmitterLike {
  emitAsync(event: string, ...values: unknown[]): Promise<unknown[]>;
}

/** The host's EventEmitter2 when it has `@nestjs/event-emitter` and imported EventEmitterModule. */
export function findHostEventEmitter(moduleRef: ModuleRef): EventEmitterLike | undefined {
  const token = optionalPeer<{ EventEmitter2: Type<EventEmitterLike> }>(
    '@nestjs/event-emitter',
  )?.EventEmitter2;
  if (!token) return undefined;
  try {
    return moduleRef.get(token, { strict: false });
  } catch {
    return undefined; // installed, but EventEmitterModule not imported
  }
}
