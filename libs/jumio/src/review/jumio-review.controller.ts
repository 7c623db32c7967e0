import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UseFilters,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { ApiDoc } from '../common/api-docs';
import type { JumioRequest } from '../options/jumio.options';
import { createJumioValidationPipe } from '../common/jumio-validation.pipe';
import { JumioAdminGuard } from '../data-protection/jumio-admin.guard';
import { JumioExceptionFilter } from '../common/jumio-exception.filter';
import { ReviewerResolver } from './reviewer.resolver';
import { DecideReviewDto, ListReviewsDto, ReviewItem, ReviewList } from './review.dto';
import { ReviewQueue } from './review-queue.service';

/**
 * The manual review queue for the bank's back office, behind the host's `adminGuard` (404 unless
 * `enableAdminRoutes`). The reviewer is the authenticated admin (`resolveReviewerId`).
 */
@ApiDoc((swagger) => swagger.ApiTags('Jumio manual review (admin)'))
@Controller('api/private/jumio/admin')
@UseGuards(JumioAdminGuard)
@UsePipes(createJumioValidationPipe())
@UseFilters(JumioExceptionFilter)
@ApiDoc((swagger) =>
  swagger.ApiBadRequestResponse({ description: 'Invalid input; the message names the field' }),
)
export class JumioReviewController {
  constructor(
    private readonly queue: ReviewQueue,
    private readonly reviewers: ReviewerResolver,
  ) {}

  /** Reviews waiting for a decision (or, with `state`, those in that state), oldest first. */
  @Post('\\!listReviews')
  @HttpCode(HttpStatus.OK)
  @ApiDoc((swagger) => swagger.ApiOkResponse({ type: ReviewList }))
  async listReviews(@Body() dto: ListReviewsDto): Promise<ReviewList> {
    return { reviews: await this.queue.list(dto) };
  }

  /** Decides a review: APPROVED, REJECTED or RETRY, with a reason code. Four-eyes: proposes or confirms. */
  @Post('\\!decideReview')
  @HttpCode(HttpStatus.OK)
  @ApiDoc((swagger) => swagger.ApiOkResponse({ type: ReviewItem }))
  @ApiDoc((swagger) => swagger.ApiNotFoundResponse({ description: 'No such review' }))
  @ApiDoc((swagger) =>
    swagger.ApiConflictResponse({
      description: 'Decided already, or the same reviewer tries to confirm',
    }),
  )
  async decideReview(
    @Req() request: JumioRequest,
    @Body() dto: DecideReviewDto,
  ): Promise<ReviewItem> {
    return this.queue.decide(await this.reviewers.resolve(request), dto);
  }
}
