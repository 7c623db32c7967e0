import { Body } from '@nestjs/common';
import {
  INITIATE_ROUTE,
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
import { InitiatePoiDto } from './dto/initiate-poi.dto';
import { MobileHandoffResponse } from './dto/mobile-handoff.response';
import { ScanTransactionStatusResponse } from '../results/scan-transaction-status.response';
import { SetScanReferenceDto } from './dto/set-scan-reference.dto';
import { SetScanStatusDto } from './dto/set-scan-status.dto';
import { StartPoiScanDto } from './dto/start-poi-scan.dto';
import { WebRedirectResponse } from './dto/web-redirect.response';
import { ScanTransactionService } from './scan-transaction.service';

/** Proof of identity (Jumio Netverify): web v4 and mobile SDK. */
@JumioPrivateController('api/private/jumio/poi', 'Jumio proof of identity')
export class PoiController {
  constructor(private readonly scans: ScanTransactionService) {}

  /** The current user's POI step. */
  @JumioQuery(STATUS_ROUTE, ScanTransactionStatusResponse)
  getStatus(@CurrentUserId() userId: string) {
    return this.scans.getStatus(userId, 'POI');
  }

  /** The current user's POI step. */
  @JumioAction(STATUS_ROUTE, ScanTransactionStatusResponse)
  postStatus(@CurrentUserId() userId: string) {
    return this.scans.getStatus(userId, 'POI');
  }

  /** Mobile: starts a transaction and returns what the Jumio SDK needs. */
  @JumioAction(START_ROUTE, MobileHandoffResponse)
  @JumioBillable()
  start(@CurrentUserId() userId: string, @Body() dto: StartPoiScanDto) {
    return this.scans.startMobile(userId, 'POI', dto);
  }

  /** Mobile: hands over the scanReference the SDK returned. */
  @JumioAction(SET_REFERENCE_ROUTE, ScanTransactionStatusResponse)
  setScanReference(@CurrentUserId() userId: string, @Body() dto: SetScanReferenceDto) {
    return this.scans.setScanReference(userId, 'POI', dto.scanReference);
  }

  /** Reports how the capture journey ended (SUCCESS or ERROR). */
  @JumioAction(SET_STATUS_ROUTE, ScanTransactionStatusResponse)
  setStatus(@CurrentUserId() userId: string, @Body() dto: SetScanStatusDto) {
    return this.scans.setStatus(userId, 'POI', dto);
  }

  /** Web: starts (or resumes) a Netverify web v4 transaction. */
  @JumioAction(INITIATE_ROUTE, WebRedirectResponse)
  @JumioBillable()
  initiate(@CurrentUserId() userId: string, @Body() dto: InitiatePoiDto) {
    return this.scans.initiateWeb(userId, dto);
  }
}
