import { Injectable, Optional } from '@nestjs/common';
import { parseDocumentRetrieval, parseNetverifyRetrieval } from './legacy/callback-form.parser';
import { JumioClient } from './jumio.client';
import { KyxScans } from './kyx/kyx-scans';
import type { JumioProduct, JumioResult } from '../persistence/verification.types';

/**
 * Jumio's current result for a scan, read from the Retrieval API with this service's own credentials:
 * status first, details only once the status is final (jumio-api.md §6 best practice). This is the
 * result that counts; a callback only says when to look.
 */
@Injectable()
export class JumioResultRetriever {
  constructor(
    private readonly jumio: JumioClient,
    @Optional() private readonly kyx?: KyxScans,
  ) {}

  /** @throws JumioError when Jumio cannot be asked or answers something unusable. */
  async retrieve(product: JumioProduct, jumioReference: string): Promise<JumioResult> {
    // A transaction started on KYX stays on KYX (jumio/kyx/kyx-scans.ts).
    const onKyx = await this.kyx?.retrieve(product, jumioReference);
    if (onKyx) return onKyx;
    if (product === 'NETVERIFY') {
      const status = await this.jumio.getNetverifyScanStatus(jumioReference);
      const data =
        status.status === 'DONE' ? await this.jumio.getNetverifyScanData(jumioReference) : null;
      return parseNetverifyRetrieval(status, data);
    }
    const status = await this.jumio.getDocumentStatus(jumioReference);
    // FAILED needs no details (§4.2: not finalised in time); DONE carries the document and extraction.
    const data = status.status === 'DONE' ? await this.jumio.getDocumentData(jumioReference) : null;
    return parseDocumentRetrieval(status, data);
  }
}
