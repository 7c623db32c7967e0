import { ValidationPipe } from '@nestjs/common';

/**
 * The module's own validation, independent of the host's global pipes: unknown fields are refused,
 * payloads become DTO instances, and messages name the field without echoing its value.
 */
export function createJumioValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
  });
}
