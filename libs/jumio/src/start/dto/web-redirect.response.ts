/** A started web transaction: send the user to `redirectUrl` (iframe or link). */
export class WebRedirectResponse {
  transactionId: string;
  /** Jumio's web client URL; valid until the token lifetime ends. */
  redirectUrl: string;
}
