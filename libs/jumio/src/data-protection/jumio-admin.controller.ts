import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { ApiDoc } from '../common/api-docs';
import { createJumioValidationPipe } from '../common/jumio-validation.pipe';
import { JumioExceptionFilter } from '../common/jumio-exception.filter';
import { EraseUserDto } from './erase-user.dto';
import { ErasureService, type ErasureStatus } from './erasure.service';
import { JumioAdminGuard } from './jumio-admin.guard';

/**
 * Private admin routes for the bank's back office. Off by default; on with `enableAdminRoutes` and the
 * host's `adminGuard`. Kept out of the public OpenAPI document.
 */
@ApiDoc((swagger) => swagger.ApiExcludeController())
@Controller('api/private/jumio/admin')
@UseGuards(JumioAdminGuard)
@UsePipes(createJumioValidationPipe())
@UseFilters(JumioExceptionFilter)
export class JumioAdminController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erases a user's personal data here and at Jumio; PENDING while Jumio has not confirmed. Idempotent. */
  @Post('\\!eraseUser')
  @HttpCode(HttpStatus.OK)
  eraseUser(@Body() dto: EraseUserDto): Promise<ErasureStatus> {
    return this.erasure.eraseUser(dto.userId);
  }
}
