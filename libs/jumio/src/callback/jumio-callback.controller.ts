import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiDoc } from '../common/api-docs';
import { JumioExceptionFilter } from '../common/jumio-exception.filter';
import { CallbackSourceGuard } from './callback-source.guard';
import { CALLBACK_ROUTE } from '../common/callback-url';
import { JumioCallbackService, type CallbackReceipt } from './jumio-callback.service';

/** Public: where Jumio posts results (form-encoded). Authenticated by the unguessable token in the path. */
@ApiDoc((swagger) => swagger.ApiTags('Jumio callback'))
@Controller(CALLBACK_ROUTE)
@UseFilters(JumioExceptionFilter)
// Source, content type and size: normally already checked ahead of body parsing (CallbackSourceMiddlewareInstaller).
@UseGuards(CallbackSourceGuard)
export class JumioCallbackController {
  constructor(private readonly callbacks: JumioCallbackService) {}

  /** Jumio's callback for one transaction. */
  @Post(':token')
  @HttpCode(HttpStatus.OK)
  @ApiDoc((swagger) => swagger.ApiConsumes('application/x-www-form-urlencoded'))
  @ApiDoc((swagger) =>
    swagger.ApiOkResponse({
      description: 'Stored; validated, confirmed through the Retrieval API and applied afterwards',
    }),
  )
  receive(@Param('token') token: string, @Body() form: unknown): Promise<void> {
    return this.callbacks.receive(token, isForm(form) ? form : {}).then(answer);
  }
}

/** Unknown token: a generic 404. Otherwise 200, whatever the body says: it is validated afterwards. */
function answer(receipt: CallbackReceipt): void {
  if (receipt.kind === 'unknown-token') throw new NotFoundException();
}

function isForm(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
