import { SetMetadata } from '@nestjs/common';

export const JUMIO_BILLABLE = 'jumio:billable';

/**
 * Marks a route that makes Jumio create a (billed) transaction: `!initiate`, `!acquisitions`,
 * `!startScanTransaction`. JumioOpsModule rate-limits these per user; nothing else, never the callback.
 */
export const JumioBillable = (): MethodDecorator & ClassDecorator =>
  SetMetadata(JUMIO_BILLABLE, true);
