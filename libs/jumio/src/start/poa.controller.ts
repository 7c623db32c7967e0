import { Body } from '@nestjs/common';
import {
  ACQUISITIONS_ROUTE,
  JumioAction,
  JumioQuery,
  SET_REFERENCE_ROUTE,
  SET_STATUS_ROUTE,
  START_ROUTE,
  STATUS_ROUTE,
} from '../common/jumio-action.decorator';
import { JumioPrivateController } from '../common/jumio-private-controller.decorator';
import { JumioBillable } from '../common/jumio-billable.decorator';
import { CurrentUserId } from '../common/current-user-id.decorator';
import { AcquirePoaDto } from './dto/acquire-poa.dto';
import { MobileHandoffResponse } from './dto/mobile-handoff.response';
import { ScanTransactionStatusResponse } from '../results/scan-transaction-status.response';
import { SetScanReferenceDto } from './dto/set-scan-reference.dto';
import { SetScanStatusDto } from './dto/set-scan-status.dto';
import { StartPoaScanDto } from './dto/start-poa-scan.dto';
import { WebRedirectResponse } from './dto/web-redirect.response';
import { ScanTransactionService } from './scan-transaction.service';

/** Proof of address (Jumio Document Verification): web acquisition and mobile SDK. */
@JumioPrivateController('api/private/jumio/poa', 'Jumio proof of address')
export class PoaController {
  constructor(private readonly scans: ScanTransactionService) {}

  /** The current user's POA step. */
  @JumioQuery(STATUS_ROUTE, ScanTransactionStatusResponse)
  getStatus(@CurrentUserId() userId: string) {
    return this.scans.getStatus(userId, 'POA');
  }

  /** The current user's POA step. */
  @JumioAction(STATUS_ROUTE, ScanTransactionStatusResponse)
  postStatus(@CurrentUserId() userId: string) {
    return this.scans.getStatus(userId, 'POA');
  }

  /** Mobile: starts a transaction and returns what the Jumio SDK needs. */
  @JumioAction(START_ROUTE, MobileHandoffResponse)
  @JumioBillable()
  start(@CurrentUserId() userId: string, @Body() dto: StartPoaScanDto) {
    return this.scans.startMobile(userId, 'POA', dto);
  }

  /** Mobile: hands over the scanReference the SDK returned. */
  @JumioAction(SET_REFERENCE_ROUTE, ScanTransactionStatusResponse)
  setScanReference(@CurrentUserId() userId: string, @Body() dto: SetScanReferenceDto) {
    return this.scans.setScanReference(userId, 'POA', dto.scanReference);
  }

  /** Reports how the capture journey ended (SUCCESS or ERROR). */
  @JumioAction(SET_STATUS_ROUTE, ScanTransactionStatusResponse)
  setStatus(@CurrentUserId() userId: string, @Body() dto: SetScanStatusDto) {
    return this.scans.setStatus(userId, 'POA', dto);
  }

  /** Web: starts (or resumes) a Document Verification acquisition. */
  @JumioAction(ACQUISITIONS_ROUTE, WebRedirectResponse)
  @JumioBillable()
  acquire(@CurrentUserId() userId: string, @Body() dto: AcquirePoaDto) {
    return this.scans.acquireWeb(userId, dto);
  }
}
