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
  type TestApp,
  type TestDatabase,
} from './create-test-app';

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

export async function startJumioTestKit(
  database: DatabaseKind,
  /** Module options, or a function of the sandbox's URL (e.g. for the KYX hosts). */
  options: Partial<JumioModuleOptions> | ((sandboxUrl: string) => Partial<JumioModuleOptions>) = {},
  sandboxOptions: JumioSandboxOptions = {},
): Promise<JumioTestKit> {
  const sandbox = await startJumioSandbox({
    port: 0,
    callbackDelayMs: 0,
    logger: () => undefined,
    ...sandboxOptions,
  });
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase(database);
    const resolved = typeof options === 'function' ? options(sandbox.url) : options;
    const app = await createTestApp(db, testJumioOptions(sandbox.url, resolved));
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
        await sandbox.close();
        await openDb.stop();
      },
    };
  } catch (error) {
    await sandbox.close();
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
