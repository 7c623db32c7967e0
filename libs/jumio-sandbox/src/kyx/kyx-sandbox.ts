import type { Scenario } from '../control/scenario';
import type { Route } from '../http/router';
import { kyxAccountRoutes } from './kyx-account.routes';
import { KyxCallbackSender } from './kyx-callback.sender';
import { kyxCaptureRoutes } from './kyx-capture.routes';
import type { KyxContext } from './kyx-context';
import { kyxControlRoutes } from './kyx-control.routes';
import { KyxLifecycle } from './kyx-lifecycle';
import { KyxOAuth, type KyxClientCredentials } from './kyx-oauth';
import { kyxRetrievalRoutes } from './kyx-retrieval.routes';
import { KyxSandboxControl } from './kyx-sandbox-control';
import { kyxSdkRoutes } from './kyx-sdk.routes';
import { KyxStore } from './kyx.store';

export interface KyxSandboxSettings {
  credentials: KyxClientCredentials;
  tokenLifetimeSeconds: number;
  scenario: Scenario;
  publicUrl: string;
  callbackTimeoutMs: number;
  abandonAfterMs?: number;
  log: (line: string) => void;
}

/** The KYX half of the sandbox: its routes (added to the one server), its control, and its shutdown. */
export function createKyxSandbox(settings: KyxSandboxSettings): {
  routes: Route[];
  control: KyxSandboxControl;
  close(): void;
} {
  const store = new KyxStore();
  const callbacks = new KyxCallbackSender(
    settings.scenario,
    settings.callbackTimeoutMs,
    settings.publicUrl,
    settings.log,
  );
  const lifecycle = new KyxLifecycle(store, settings.scenario, callbacks, {
    abandonAfterMs: settings.abandonAfterMs,
    log: settings.log,
  });
  const context: KyxContext = {
    oauth: new KyxOAuth(settings.credentials, settings.tokenLifetimeSeconds),
    store,
    scenario: settings.scenario,
    lifecycle,
    callbacks,
    publicUrl: settings.publicUrl,
    log: settings.log,
  };
  const control = new KyxSandboxControl(context);
  return {
    routes: [
      ...context.oauth.routes(),
      ...kyxAccountRoutes(context),
      ...kyxRetrievalRoutes(context),
      ...kyxCaptureRoutes(context),
      ...kyxSdkRoutes(context),
      ...kyxControlRoutes(control),
    ],
    control,
    close: () => {
      lifecycle.close();
      callbacks.close();
    },
  };
}
