import type { JumioModuleOptions, ScanTransactionStatusResponse } from '@app/jumio';
import type { MobileHandoffResponse } from '@app/jumio/start/dto/mobile-handoff.response';
import {
  startJumioSandbox,
  type JumioSandbox,
  type JumioSandboxOptions,
  type ScanOutcome,
} from '@app/jumio-sandbox';
import request, { type Response } from 'supertest';
import { CallbackConfirmation } from '@app/jumio/callback/callback-confirmation.service';
import {
  createTestApp,
  createTestDatabase,
  testJumioOptions,
  type DatabaseKind,
  type HttpAdapterKind,
  type TestApp,
  type TestDatabase,
} from './create-test-app';
import { startHttpRelay, type HttpRelay } from '../resilience/support/http-relay';

/** A host app with JumioModule on a fresh database, talking to a real Jumio sandbox over HTTP. */
export interface JumioTestKit {
  app: TestApp;
  sandbox: JumioSandbox;
  /** Private routes as one user (X-User-Id header). */
  as(userId: string): UserClient;
  /** Rows of a Jumio table, straight from the database. */
  rows<T = Record<string, unknown>>(table: string, where?: string): Promise<T[]>;
  close(): Promise<void>;
}

export interface KitHost {
  /** The host app's HTTP adapter; by default `TEST_HTTP_ADAPTER`'s, else Express. */
  adapter?: HttpAdapterKind;
}

/** A kit whose app reaches Jumio through a relay that counts each request (`jumio.count`). */
export interface RelayedJumioTestKit extends JumioTestKit {
  jumio: HttpRelay;
}

export async function startJumioTestKit(
  database: DatabaseKind,
  /** Module options, or a function of the sandbox's URL (e.g. for the KYX hosts). */
  options: Partial<JumioModuleOptions> | ((sandboxUrl: string) => Partial<JumioModuleOptions>) = {},
  sandboxOptions: JumioSandboxOptions = {},
  host: KitHost = {},
): Promise<JumioTestKit> {
  const sandbox = await startQuietSandbox(sandboxOptions);
  return openKit(sandbox, sandbox.url, database, options, host, () => sandbox.close());
}

/** The kit with a counting relay between the app and the sandbox. */
export async function startRelayedJumioTestKit(
  database: DatabaseKind,
  options: Partial<JumioModuleOptions> = {},
  host: KitHost = {},
): Promise<RelayedJumioTestKit> {
  const { sandbox, jumio, close } = await startRelayedSandbox();
  const kit = await openKit(sandbox, jumio.url, database, options, host, close);
  return { ...kit, jumio };
}

export interface RelayedSandbox {
  sandbox: JumioSandbox;
  jumio: HttpRelay;
  close(): Promise<void>;
}

/** A sandbox behind a counting relay, for tests that call Jumio without a host app. */
export async function startRelayedSandbox(): Promise<RelayedSandbox> {
  const sandbox = await startQuietSandbox();
  try {
    const jumio = await startHttpRelay([sandbox.url]);
    return {
      sandbox,
      jumio,
      close: async () => {
        await jumio.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

function startQuietSandbox(options: JumioSandboxOptions = {}): Promise<JumioSandbox> {
  return startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => undefined, ...options });
}

/** Database and app in front of an already started Jumio; `closeJumio` ends that Jumio last. */
async function openKit(
  sandbox: JumioSandbox,
  jumioUrl: string,
  database: DatabaseKind,
  options: Partial<JumioModuleOptions> | ((sandboxUrl: string) => Partial<JumioModuleOptions>),
  host: KitHost,
  closeJumio: () => Promise<void>,
): Promise<JumioTestKit> {
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase(database);
    const resolved = typeof options === 'function' ? options(jumioUrl) : options;
    const app = await createTestApp(db, testJumioOptions(jumioUrl, resolved), host.adapter);
    const openDb = db;
    return {
      app,
      sandbox,
      // Callbacks are confirmed through retrieval after their 200; a test's next request sees the outcome.
      as: (userId) =>
        new UserClient(app.url, userId, () => app.app.get(CallbackConfirmation).settled()),
      rows: (table, where) =>
        app.dataSource.query(`SELECT * FROM "${table}"${where ? ` WHERE ${where}` : ''}`),
      close: async () => {
        await app.close();
        await openDb.stop();
        await closeJumio();
      },
    };
  } catch (error) {
    await closeJumio();
    await db?.stop();
    throw error;
  }
}

export type Step = 'poi' | 'poa';

export class UserClient {
  constructor(
    private readonly baseUrl: string,
    readonly userId: string,
    /** Awaited before each request, e.g. callback confirmations still under way. */
    private readonly settle: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async post(step: Step, action: string, body?: object): Promise<Response> {
    await this.settle();
    const call = request(this.baseUrl)
      .post(`/api/private/jumio/${step}/!${action}`)
      .set('X-User-Id', this.userId);
    return body === undefined ? call : call.send(body);
  }

  async get(step: Step, action: string): Promise<Response> {
    await this.settle();
    return request(this.baseUrl)
      .get(`/api/private/jumio/${step}/!${action}`)
      .set('X-User-Id', this.userId);
  }

  async status(step: Step): Promise<ScanTransactionStatusResponse> {
    const response = await this.post(step, 'getScanTransactionStatus');
    expect(response.status).toBe(200);
    return response.body as ScanTransactionStatusResponse;
  }
}

/** Plays the person on Jumio's hosted page: submits the capture form behind a redirectUrl. */
export async function finishWebJourney(redirectUrl: string, outcome: ScanOutcome): Promise<void> {
  const url = new URL(redirectUrl);
  const nvToken = url.searchParams.get('authorizationToken');
  const token = nvToken ?? url.searchParams.get('initiationToken');
  const path = nvToken ? '/sandbox/capture/netverify' : '/sandbox/capture/document';
  const param = nvToken ? 'authorizationToken' : 'initiationToken';
  const response = await request(url.origin)
    .post(`${path}?${param}=${encodeURIComponent(token ?? '')}`)
    .type('form')
    .send({ outcome });
  expect(response.status).toBeLessThan(400);
}

/** Plays the app with the Jumio mobile SDK: one call that scans and finishes on the "device". */
export async function scanWithSdk(
  sandbox: JumioSandbox,
  handoff: MobileHandoffResponse,
  outcome: ScanOutcome,
  document?: { type: string; country: string },
): Promise<string> {
  const path = document ? '/sandbox/sdk/document-verification' : '/sandbox/sdk/netverify';
  const response = await request(sandbox.url)
    .post(path)
    .auth('sandbox-token', 'sandbox-secret')
    .set('User-Agent', 'Test Bank App/1.0')
    .set('Accept', 'application/json')
    .send({
      customerInternalReference: handoff.customerInternalReference,
      userReference: handoff.userReference,
      callbackUrl: handoff.callbackUrl,
      outcome,
      ...document,
    });
  expect(response.status).toBe(200);
  return response.body.scanReference as string;
}

export const WEB_URLS = {
  successUrl: 'https://bank.example/onboarding/jumio/success',
  errorUrl: 'https://bank.example/onboarding/jumio/error',
};
