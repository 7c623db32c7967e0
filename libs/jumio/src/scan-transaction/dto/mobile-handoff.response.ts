import type { JumioDataCenter } from '../../jumio.options';

/** Jumio API credentials for the mobile SDK 3.x, when the bank ships them to the app. */
export class SdkCredentialsResponse {
  apiToken: string;
  apiSecret: string;
}

/** Everything the Jumio mobile SDK needs to start a scan that this service will recognise. */
export class MobileHandoffResponse {
  transactionId: string;
  /** Set as the SDK's customerInternalReference. */
  customerInternalReference: string;
  /** Set as the SDK's userReference. */
  userReference: string;
  /** Set as the SDK's callbackUrl. */
  callbackUrl: string;
  dataCenter: JumioDataCenter;
  /** Only when the module is configured with mobileSdkCredentials. */
  credentials: SdkCredentialsResponse | null;
  /** KYX (SDK 4.x): the token the SDK starts with (one workflow, short-lived; not a credential). */
  sdkToken?: string;
  /** POA: the DV document type; POI: the preset ID type, if any. */
  documentType: string | null;
  /** POA: the document's country; POI: the preset country, if any. */
  country: string | null;
}
