/** Which Jumio API a transaction runs on: legacy Netverify / DV (HTTP Basic) or KYX (OAuth2). */
export type JumioPlatformName = 'legacy' | 'kyx';
