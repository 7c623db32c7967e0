import type { Scenario } from '../control/scenario';
import type { KyxCallbackSender } from './kyx-callback.sender';
import type { KyxLifecycle } from './kyx-lifecycle';
import type { KyxOAuth } from './kyx-oauth';
import type { KyxStore } from './kyx.store';

/** What the KYX route groups share. */
export interface KyxContext {
  oauth: KyxOAuth;
  store: KyxStore;
  scenario: Scenario;
  lifecycle: KyxLifecycle;
  callbacks: KyxCallbackSender;
  /** Base of every URL handed out (web.href, hrefs), no trailing slash. */
  publicUrl: string;
  log: (line: string) => void;
}
