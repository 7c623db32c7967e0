import { Injectable } from '@nestjs/common';
import { JumioPlatforms } from './jumio-platforms';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';

/**
 * Jumio's current result for a scan, read with this service's own credentials from the platform the scan
 * runs on (jumio/jumio-platforms.ts): status first, details only once the status is final. This is
 * the result that counts; a callback only says when to look.
 */
@Injectable()
export class JumioResultRetriever {
  constructor(private readonly platforms: JumioPlatforms) {}

  /** @throws JumioError when Jumio cannot be asked or answers something unusable. */
  retrieve(product: JumioProduct, jumioReference: string): Promise<JumioResult> {
    return this.platforms.retrieve(product, jumioReference);
  }
}
