import type { JumioDataCenter } from '../../options/jumio.options';

/**
 * Everything the Jumio mobile SDK needs to start a scan that this service will recognise. Never a
 * credential: an API secret shipped in an app is everyone's (and normally opens Retrieval and Delete too).
 */
export class MobileHandoffResponse {
  transactionId: string;
  /** Set as the SDK's customerInternalReference. */
  customerInternalReference: string;
  /** Set as the SDK's userReference. */
  userReference: string;
  /** Set as the SDK's callbackUrl. */
  callbackUrl: string;
  dataCenter: JumioDataCenter;
  /** KYX (SDK 4.x): the token the SDK starts with (one workflow, short-lived; not a credential). */
  sdkToken?: string;
  /** POA: the DV document type; POI: the preset ID type, if any. */
  documentType: string | null;
  /** POA: the document's country; POI: the preset country, if any. */
  country: string | null;
}
