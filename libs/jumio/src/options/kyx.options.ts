/** KYX (Jumio Platform) settings of `JumioModuleOptions.kyx`, used when `platform: 'kyx'`. */
export interface JumioKyxOptions {
  /** OAuth2 client id from Jumio's portal. Never logged. */
  clientId: string;
  /** OAuth2 client secret. Never logged. */
  clientSecret: string;
  /** Base URL (no path) of the token host, `{authUrl}/oauth2/token`. Default `https://auth.{region}.jumio.ai`. */
  authUrl?: string;
  /** Base URL of the account host, `{accountUrl}/api/v1/accounts`. Default `https://account.{region}.jumio.ai`. */
  accountUrl?: string;
  /** Base URL of the retrieval and delete host. Default `https://retrieval.{region}.jumio.ai`. */
  retrievalUrl?: string;
  /**
   * Workflow definition key of proof of identity (ID + selfie + liveness). Default 10011. Jumio configures
   * keys per tenant and its two documentation sites disagree (10011 vs 10163/10164): confirm yours.
   */
  poiWorkflowKey?: number;
  /** Workflow definition key of proof of address (DocV, one DOCUMENT credential). Default 10026. */
  poaWorkflowKey?: number;
}

export const KYX_DEFAULTS = {
  poiWorkflowKey: 10011,
  poaWorkflowKey: 10026,
};
