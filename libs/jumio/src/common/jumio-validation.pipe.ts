import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { inputBoundsExceeded, PRIVATE_BODY_BOUNDS } from './bounded-input';

/**
 * The module's own validation, independent of the host's global pipes: unknown fields are refused,
 * payloads become DTO instances, and messages name the field without echoing its value. Bodies and
 * queries are first bounded (nesting, array lengths, key counts): class-transformer and class-validator
 * recurse, and a deeply nested body would otherwise overflow the stack (a 500).
 */
class JumioValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const excess = inputBoundsExceeded(value, PRIVATE_BODY_BOUNDS);
      if (excess) throw new BadRequestException(`The request ${metadata.type} ${excess}`);
    }
    return super.transform(value, metadata);
  }
}

export function createJumioValidationPipe(): ValidationPipe {
  return new JumioValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
  });
}
