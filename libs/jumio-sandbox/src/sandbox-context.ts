import type { CallbackSender } from './callback/callback-sender';
import type { Scenario } from './control/scenario';
import type { ApiCredentials } from './http/api-request.guard';
import type { ScanLifecycle } from './scan/scan-lifecycle';
import type { JumioDateFormatter } from './store/jumio-date';
import type { TransactionStore } from './store/transaction.store';

/** What the route groups share. */
export interface SandboxContext {
  /** Opens initiate, acquisitions and the SDK stand-in (and everything, without a separate pair). */
  credentials: ApiCredentials;
  /** Opens the Retrieval and Delete APIs: the separate pair when configured, else `credentials`. */
  retrievalCredentials: ApiCredentials;
  store: TransactionStore;
  scenario: Scenario;
  lifecycle: ScanLifecycle;
  callbacks: CallbackSender;
  dates: JumioDateFormatter;
  /** Base of every URL the sandbox hands out (redirect, capture, image URLs), no trailing slash. */
  publicUrl: string;
  log: (line: string) => void;
}
