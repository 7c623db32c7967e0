import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackSender } from './callback/callback-sender';
import { capturePageRoutes } from './capture/capture-page.routes';
import { controlRoutes } from './control/control.routes';
import { JumioSandboxControl } from './control/jumio-sandbox-control';
import { Scenario } from './control/scenario';
import { acquisitionRoutes } from './document-verification/acquisition.routes';
import { createRequestHandler } from './http/request-handler';
import { Router } from './http/router';
import { infoRoutes } from './info.routes';
import { resolveSandboxOptions, type JumioSandboxOptions } from './jumio-sandbox.options';
import { initiateRoutes } from './netverify/initiate.routes';
import { deleteRoutes } from './retrieval/delete.routes';
import { retrievalRoutes } from './retrieval/retrieval.routes';
import type { SandboxContext } from './sandbox-context';
import { ScanLifecycle } from './scan/scan-lifecycle';
import { sdkRoutes } from './sdk/sdk.routes';
import { createKyxSandbox } from './kyx/kyx-sandbox';
import type { KyxSandboxControl } from './kyx/kyx-sandbox-control';
import { JumioDateFormatter } from './store/jumio-date';
import { TransactionStore } from './store/transaction.store';

/** A running Jumio sandbox. */
export interface JumioSandbox {
  /** Where it listens, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  /** Deterministic scenario control for tests. */
  control: JumioSandboxControl;
  /** Scenario control of the KYX (Jumio Platform) endpoints served on the same port. */
  kyx: KyxSandboxControl;
  /** Stops listening, cancels pending callbacks and timers, and cuts hanging requests. */
  close(): Promise<void>;
}

/** Starts the Jumio sandbox on `node:http`: Jumio's legacy endpoints, hosted pages and a control API. */
export async function startJumioSandbox(options: JumioSandboxOptions = {}): Promise<JumioSandbox> {
  const settings = resolveSandboxOptions(options);
  const log = settings.logger;
  const server = createServer();
  await listen(server, settings.port, settings.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${displayHost(settings.host)}:${port}`;
  const publicUrl = settings.publicUrl ?? url;

  const store = new TransactionStore();
  const scenario = new Scenario(settings.callbackDelayMs);
  const dates = new JumioDateFormatter();
  const callbacks = new CallbackSender(scenario, settings.callbackTimeoutMs, log);
  const lifecycle = new ScanLifecycle(store, scenario, callbacks, dates, {
    publicUrl,
    abandonAfterMs: settings.abandonAfterMs,
    log,
  });
  const credentials = { apiToken: settings.apiToken, apiSecret: settings.apiSecret };
  const context: SandboxContext = {
    credentials,
    retrievalCredentials:
      settings.retrievalApiToken && settings.retrievalApiSecret
        ? { apiToken: settings.retrievalApiToken, apiSecret: settings.retrievalApiSecret }
        : credentials,
    store,
    scenario,
    lifecycle,
    callbacks,
    dates,
    publicUrl,
    log,
  };
  const control = new JumioSandboxControl(context);
  const kyx = createKyxSandbox({
    credentials: { clientId: settings.kyxClientId, clientSecret: settings.kyxClientSecret },
    tokenLifetimeSeconds: settings.kyxTokenLifetimeSeconds,
    scenario,
    publicUrl,
    callbackTimeoutMs: settings.callbackTimeoutMs,
    abandonAfterMs: settings.abandonAfterMs,
    log,
  });
  const router = new Router().add(
    ...infoRoutes(),
    ...initiateRoutes(context),
    ...acquisitionRoutes(context),
    ...capturePageRoutes(context),
    ...sdkRoutes(context),
    ...retrievalRoutes(context),
    ...deleteRoutes(context),
    ...controlRoutes(control),
    ...kyx.routes,
  );
  const handle = createRequestHandler({ router, scenario, log });
  server.on('request', (req, res) => void handle(req, res));
  log(`Jumio SANDBOX (not Jumio) listening on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    control,
    kyx: kyx.control,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        lifecycle.close();
        callbacks.close();
        kyx.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        log('Jumio SANDBOX (not Jumio) stopped');
      })),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A host as it appears in a URL; wildcard addresses become the matching loopback address. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
