import { applyDecorators, Controller, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { JumioExceptionFilter } from './jumio-exception.filter';
import { ApiDoc } from './api-docs';
import { JumioUserGuard } from './jumio-user.guard';
import { createJumioValidationPipe } from './jumio-validation.pipe';

/**
 * What every private POI/POA controller carries: its route prefix and Swagger tag, the current-user
 * guard, the module's own ValidationPipe and exception filter, and the error answers they produce.
 */
export function JumioPrivateController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(path),
    ApiDoc((swagger) => swagger.ApiTags(tag)),
    UseGuards(JumioUserGuard),
    UsePipes(createJumioValidationPipe()),
    UseFilters(JumioExceptionFilter),
    ApiDoc((swagger) =>
      applyDecorators(
        swagger.ApiBadRequestResponse({
          description: 'Invalid input; the message names the field',
        }),
        swagger.ApiUnauthorizedResponse({ description: 'No authenticated user' }),
        swagger.ApiConflictResponse({
          description: 'The step is not in a state where this action applies',
        }),
        swagger.ApiBadGatewayResponse({ description: 'Jumio refused or answered unexpectedly' }),
        swagger.ApiServiceUnavailableResponse({
          description: 'Jumio is unavailable or rate limiting',
        }),
      ),
    ),
  );
}
