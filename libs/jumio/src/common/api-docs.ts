import { optionalPeer } from './optional-peer';

type Swagger = typeof import('@nestjs/swagger');

let swagger: Swagger | null | undefined;

/**
 * A Swagger decorator when the host has `@nestjs/swagger`, otherwise one that does nothing: the module's
 * OpenAPI description costs nothing (and needs no package) in a host without Swagger.
 */
export function ApiDoc<D extends ClassDecorator | MethodDecorator>(
  make: (swagger: Swagger) => D,
): D {
  if (swagger === undefined) swagger = optionalPeer<Swagger>('@nestjs/swagger') ?? null;
  return swagger ? make(swagger) : (noDecorator as unknown as D);
}

function noDecorator(): void {}
