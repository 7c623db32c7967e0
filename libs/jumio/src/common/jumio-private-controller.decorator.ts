import { applyDecorators, Controller, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JumioExceptionFilter } from '../errors/jumio-exception.filter';
import { JumioUserGuard } from './jumio-user.guard';
import { createJumioValidationPipe } from './jumio-validation.pipe';

/**
 * What every private POI/POA controller carries: its route prefix and Swagger tag, the current-user
 * guard, the module's own ValidationPipe and exception filter, and the error answers they produce.
 */
export function JumioPrivateController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(path),
    ApiTags(tag),
    UseGuards(JumioUserGuard),
    UsePipes(createJumioValidationPipe()),
    UseFilters(JumioExceptionFilter),
    ApiBadRequestResponse({ description: 'Invalid input; the message names the field' }),
    ApiUnauthorizedResponse({ description: 'No authenticated user' }),
    ApiConflictResponse({ description: 'The step is not in a state where this action applies' }),
    ApiBadGatewayResponse({ description: 'Jumio refused or answered unexpectedly' }),
    ApiServiceUnavailableResponse({ description: 'Jumio is unavailable or rate limiting' }),
  );
}
