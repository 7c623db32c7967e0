import { startJumioSandbox, type JumioSandbox, type JumioSandboxOptions } from '@app/jumio-sandbox';
import { CREDENTIALS, postJson } from './sandbox-http';

/** Starts a sandbox for one spec file, on a random port, quiet unless a test reads its log. */
export async function startTestSandbox(
  options: JumioSandboxOptions = {},
): Promise<JumioSandbox & { logLines: string[] }> {
  const logLines: string[] = [];
  const sandbox = await startJumioSandbox({
    port: 0,
    apiToken: CREDENTIALS.token,
    apiSecret: CREDENTIALS.secret,
    callbackDelayMs: 0,
    logger: (line) => logLines.push(line),
    ...options,
  });
  return Object.assign(sandbox, { logLines });
}

let counter = 0;
/** A fresh customerInternalReference (no PII, as Jumio asks). */
export function nextReference(prefix = 'tx'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export function validInitiateBody(overrides: Record<string, unknown> = {}) {
  return {
    customerInternalReference: nextReference(),
    userReference: 'user-0001',
    successUrl: 'https://bank.example.com/onboarding/poi/success',
    errorUrl: 'https://bank.example.com/onboarding/poi/error',
    ...overrides,
  };
}

export function validAcquisitionBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'UB',
    country: 'AUT',
    merchantScanReference: nextReference('poa'),
    customerId: 'user-0001',
    successUrl: 'https://bank.example.com/onboarding/poa/success',
    errorUrl: 'https://bank.example.com/onboarding/poa/error',
    ...overrides,
  };
}

export async function initiate(sandbox: JumioSandbox, overrides: Record<string, unknown> = {}) {
  const answer = await postJson(sandbox.url, '/api/v4/initiate', validInitiateBody(overrides));
  if (answer.status !== 200) throw new Error(`initiate answered ${answer.status}: ${answer.text}`);
  return answer.json<{ timestamp: string; transactionReference: string; redirectUrl: string }>();
}

export async function acquire(sandbox: JumioSandbox, overrides: Record<string, unknown> = {}) {
  const answer = await postJson(
    sandbox.url,
    '/api/netverify/v2/acquisitions',
    validAcquisitionBody(overrides),
  );
  if (answer.status !== 200)
    throw new Error(`acquisitions answered ${answer.status}: ${answer.text}`);
  return answer.json<{ timestamp: string; scanReference: string; clientRedirectUrl: string }>();
}
