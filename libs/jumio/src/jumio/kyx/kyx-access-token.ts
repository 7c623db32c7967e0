/** A bearer token and when it stops being usable (epoch ms). */
export interface KyxToken {
  accessToken: string;
  expiresAt: number;
}

/** Renew this long before expiry (Jumio's tokens live 60 minutes); short-lived tokens renew at half life. */
const RENEW_BEFORE_MS = 60_000;

/**
 * One cached OAuth2 access token, reused until shortly before it expires and fetched once however many
 * calls need it at the same moment (single flight). Invalidated when Jumio refuses it (401).
 */
export class KyxAccessTokenCache {
  private current?: KyxToken;
  private renewing?: Promise<KyxToken>;

  constructor(
    private readonly fetchToken: () => Promise<{ accessToken: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.expiresAt) return this.current.accessToken;
    this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
    return (await this.renewing).accessToken;
  }

  /** Drops the cached token if it is still `accessToken` (Jumio refused it); the next get() fetches anew. */
  invalidate(accessToken: string): void {
    if (this.current?.accessToken === accessToken) this.current = undefined;
  }

  private async renew(): Promise<KyxToken> {
    const fetchedAt = this.now();
    const { accessToken, expiresInSeconds } = await this.fetchToken();
    const lifetimeMs = expiresInSeconds * 1000;
    const margin = Math.min(RENEW_BEFORE_MS, lifetimeMs / 2);
    this.current = { accessToken, expiresAt: fetchedAt + lifetimeMs - margin };
    return this.current;
  }
}
