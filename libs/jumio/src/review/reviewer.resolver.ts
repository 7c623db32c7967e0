import { Inject, Injectable } from '@nestjs/common';
import { usableId } from '../common/user-id.resolver';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import type { JumioRequest } from '../options/jumio.options';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';

/** The reviewer of an admin request: the host's `resolveReviewerId`, default `request.user.id`; else 401. */
@Injectable()
export class ReviewerResolver {
  constructor(@Inject(JUMIO_SETTINGS) private readonly settings: JumioSettings) {}

  async resolve(request: JumioRequest): Promise<string> {
    const reviewerId = await usableId(this.settings.review.resolveReviewerId, request);
    if (reviewerId === undefined) {
      throw new JumioError(JumioErrorCode.UNAUTHENTICATED, 'No authenticated reviewer');
    }
    return reviewerId;
  }
}
