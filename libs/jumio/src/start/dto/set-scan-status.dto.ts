import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  CLIENT_REPORTED_STATUSES,
  type ClientReportedStatus,
} from '../../persistence/scan-transaction.types';

/** How the capture journey ended, as the client saw it (web redirect or SDK result). */
export class SetScanStatusDto {
  /** SUCCESS: the upload finished. ERROR: it did not; the user may start again. */
  @IsIn(CLIENT_REPORTED_STATUSES)
  status: ClientReportedStatus;

  /** Jumio's error code, e.g. 9100 (web) or A10404 (SDK). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,32}$/, { message: '$property must be a short error code' })
  errorCode?: string;
}
