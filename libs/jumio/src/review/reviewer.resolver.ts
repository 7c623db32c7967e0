import { Inject, Injectable } from '@nestjs/common';
import { defaultResolveUserId } from '../common/jumio-user.guard';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_MODULE_OPTIONS } from '../options/jumio-module-options.token';
import type { JumioModuleOptions, JumioRequest } from '../options/jumio.options';

const MAX_REVIEWER_ID_LENGTH = 255;

/** The reviewer of an admin request: the host's `resolveReviewerId`, default `request.user.id`; else 401. */
@Injectable()
export class ReviewerResolver {
  constructor(@Inject(JUMIO_MODULE_OPTIONS) private readonly options: JumioModuleOptions) {}

  async resolve(request: JumioRequest): Promise<string> {
    const resolve = this.options.resolveReviewerId ?? defaultResolveUserId;
    const reviewerId = await resolve(request);
    if (
      typeof reviewerId !== 'string' ||
      reviewerId.length === 0 ||
      reviewerId.length > MAX_REVIEWER_ID_LENGTH
    ) {
      throw new JumioError(JumioErrorCode.UNAUTHENTICATED, 'No authenticated reviewer');
    }
    return reviewerId;
  }
}
