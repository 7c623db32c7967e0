import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JumioSandbox } from '@app/jumio-sandbox';
import type { Browser } from 'playwright-core';
import { startDemoApp, type DemoApp } from '../../../src/demo-app';
import { freePort } from '../../support/free-port';
import { launchChromium } from './chromium';

/** The demo app (SQLite in a temp folder, in-process sandbox) and a Chromium to drive it. */
export interface BrowserDemo {
  demo: DemoApp;
  sandbox: JumioSandbox;
  browser: Browser;
  close(): Promise<void>;
}

/** `env`: more demo variables, e.g. `{ JUMIO_PLATFORM: 'kyx' }`. */
export async function startBrowserDemo(env: Record<string, string> = {}): Promise<BrowserDemo> {
  const browser = await launchChromium();
  const folder = mkdtempSync(join(tmpdir(), 'jumio-browser-'));
  try {
    const port = await freePort();
    const demo = await startDemoApp({
      PORT: String(port),
      DATABASE_PATH: join(folder, 'demo.sqlite'),
      JUMIO_SANDBOX_PORT: '0',
      JUMIO_CALLBACK_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
    });
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo app did not start the Jumio sandbox');
    // Results arrive straight after the journey; a test that wants to see the wait sets a delay.
    sandbox.control.setCallbackDelay(0);
    return {
      demo,
      sandbox,
      browser,
      close: async () => {
        await browser.close();
        await demo.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

let users = 0;

/** A fresh dev user per test, so tests in one file share the app but not their state. */
export function uniqueUser(label: string): string {
  users += 1;
  return `${label}-${process.pid}-${users}`;
}
