/** Jumio's legacy hosts of the data centre, each replaced by its option override (jumio/jumio-hosts.ts resolves them). */
export interface JumioHosts {
  /** Netverify core: v4 initiate, NV retrieval and delete. */
  netverifyUrl: string;
  /** Document Verification upload host: web acquisitions. */
  uploadUrl: string;
  /** Document Verification retrieval and delete host. */
  retrievalUrl: string;
}

/** The KYX region's hosts, each replaced by its override (jumio/kyx/kyx-hosts.ts resolves them). */
export interface KyxHosts {
  authUrl: string;
  accountUrl: string;
  retrievalUrl: string;
}
