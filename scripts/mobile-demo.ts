/**
 * Plays a mobile app against the running demo: the app's calls to the bank's backend, with the Jumio
 * sandbox's SDK stand-in in place of the Jumio mobile SDK.
 *
 *   npm run mobile-demo -- --user alice --type poi --outcome APPROVED_VERIFIED
 *   npm run mobile-demo -- --user alice --type poa --outcome EXTRACTED --document-type UB --country DEU
 *
 * Exit code: 0 when Jumio's decision arrived (and matched --expect, if given), 1 when a step failed or
 * the decision did not arrive in time, 2 on bad arguments. Plain fetch, no dependencies.
 */
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run mobile-demo -- --user <id> --type poi|poa --outcome <outcome> [options]

  --user <id>             the dev user (sent as X-User-Id), e.g. the id shown on the demo page
  --type poi|poa          proof of identity (Netverify SDK) or proof of address (Document Verification SDK)
  --outcome <outcome>     what the sandbox's Jumio reports:
                            poi: APPROVED_VERIFIED, DENIED_FRAUD, ERROR_NOT_READABLE_ID, NO_ID_UPLOADED
                            poa: EXTRACTED, UPLOADED, FAILED
  --document-type <code>  poa only, Jumio document type code (default BS: bank statement)
  --country <alpha-3>     poa only, issuing country (default GBR)
  --url <url>             the demo app (default http://127.0.0.1:3000)
  --sandbox-url <url>     the Jumio sandbox (default http://127.0.0.1:4010)
  --timeout <seconds>     how long to wait for Jumio's decision (default 60)
  --expect <decision>     exit 1 unless the decision is this one (APPROVED, REJECTED, RETRY or REVIEW)`;

/** Legacy outcomes, then KYX ones (the demo with JUMIO_PLATFORM=kyx). */
const OUTCOMES = {
  poi: [
    'APPROVED_VERIFIED',
    'DENIED_FRAUD',
    'ERROR_NOT_READABLE_ID',
    'NO_ID_UPLOADED',
    'PASSED',
    'PASSED_WITHOUT_SELFIE',
    'MANIPULATED',
    'NO_MATCH',
    'LIVENESS_FAILED',
    'BLURRED',
    'NOT_POSSIBLE',
    'SESSION_EXPIRED',
  ],
  poa: ['EXTRACTED', 'UPLOADED', 'FAILED', 'NOT_EXTRACTED', 'BLURRED', 'SESSION_EXPIRED'],
} as const;

const DECISIONS = ['APPROVED', 'REJECTED', 'RETRY', 'REVIEW'] as const;

/**
 * The sandbox SDK stand-in's own credentials (public, sandbox only). The backend never hands an app a
 * credential: a real app uses Jumio's SDK with a short-lived token issued by the bank's backend.
 */
const SANDBOX_SDK_CREDENTIALS = { apiToken: 'sandbox-token', apiSecret: 'sandbox-secret' };
const POLL_EVERY_MS = 1000;

type StepType = keyof typeof OUTCOMES;

export interface MobileDemoOptions {
  user: string;
  type: StepType;
  outcome: string;
  documentType: string;
  country: string;
  url: string;
  sandboxUrl: string;
  timeoutSeconds: number;
  expect?: (typeof DECISIONS)[number];
}

/** The parts of `ScanTransactionStatus` (docs: architecture.md) this walker reads. */
interface ScanTransactionStatus {
  status: 'NOT_STARTED_YET' | 'PENDING' | 'SUCCESS';
  attempts: number;
  scanReference: string | null;
  verification: null | {
    decision: 'PENDING' | (typeof DECISIONS)[number];
    jumioStatus: string | null;
    reasons: string[];
  };
}

/** What `!startScanTransaction` hands the app for the Jumio SDK (MobileHandoffResponse). */
interface MobileStart {
  transactionId: string;
  customerInternalReference: string;
  userReference: string;
  callbackUrl: string;
  dataCenter: string;
  /** KYX (SDK 4.x): the SDK's token; the app needs nothing else but the data centre. */
  sdkToken?: string;
  documentType: string | null;
  country: string | null;
}

class UsageError extends Error {}

export function parseOptions(argv: string[]): MobileDemoOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      user: { type: 'string' },
      type: { type: 'string' },
      outcome: { type: 'string' },
      'document-type': { type: 'string', default: 'BS' },
      country: { type: 'string', default: 'GBR' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      'sandbox-url': { type: 'string', default: 'http://127.0.0.1:4010' },
      timeout: { type: 'string', default: '60' },
      expect: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError('');
  const type = values.type;
  if (type !== 'poi' && type !== 'poa') throw new UsageError('--type must be poi or poa');
  if (!values.user) throw new UsageError('--user is required');
  const outcomes: readonly string[] = OUTCOMES[type];
  if (!values.outcome || !outcomes.includes(values.outcome)) {
    throw new UsageError(`--outcome for ${type} must be one of ${outcomes.join(', ')}`);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a number of seconds');
  const expect = values.expect;
  if (expect !== undefined && !DECISIONS.some((decision) => decision === expect)) {
    throw new UsageError(`--expect must be one of ${DECISIONS.join(', ')}`);
  }
  return {
    user: values.user,
    type,
    outcome: values.outcome,
    documentType: values['document-type'],
    country: values.country.toUpperCase(),
    url: values.url.replace(/\/+$/, ''),
    sandboxUrl: values['sandbox-url'].replace(/\/+$/, ''),
    timeoutSeconds,
    expect: expect as MobileDemoOptions['expect'],
  };
}

/** Walks the mobile flow and returns the final status; throws when a step fails or time runs out. */
export async function walkMobileFlow(
  options: MobileDemoOptions,
  log: (line: string) => void,
): Promise<ScanTransactionStatus> {
  const backend = (action: string, body?: object) =>
    call<unknown>(`${options.url}/api/private/jumio/${options.type}/!${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-User-Id': options.user },
      body,
    });

  const before = (await backend('getScanTransactionStatus')) as ScanTransactionStatus;
  log(`1. status before: ${describe(before)}`);

  const startBody =
    options.type === 'poa' ? { documentType: options.documentType, country: options.country } : {};
  const start = (await backend('startScanTransaction', startBody)) as MobileStart;
  log(
    `2. startScanTransaction: transaction ${start.transactionId}, data centre ${start.dataCenter}`,
  );

  const scanReference = await runSdkStandIn(options, start);
  log(`3. sandbox SDK (${options.outcome}): scanReference ${scanReference}`);

  await backend('setScanTransaction', { scanReference });
  log('4. setScanTransaction: scanReference handed to the backend');

  const reported = (await backend('setScanTransactionStatus', {
    status: 'SUCCESS',
  })) as ScanTransactionStatus;
  log(`5. setScanTransactionStatus SUCCESS: ${describe(reported)}`);

  log(`6. waiting for Jumio's decision (up to ${options.timeoutSeconds} s)...`);
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const status = (await backend('getScanTransactionStatus')) as ScanTransactionStatus;
    const decision = status.verification?.decision;
    if (decision && decision !== 'PENDING') return status;
    if (Date.now() > deadline)
      throw new Error(`no decision after ${options.timeoutSeconds} s: ${describe(status)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
}

/** Does what the Jumio SDK does on the phone: capture, upload and return a scan reference. */
async function runSdkStandIn(options: MobileDemoOptions, start: MobileStart): Promise<string> {
  if (start.sdkToken) {
    // KYX SDK 4.x: the token and the data centre; its result names the workflow execution.
    const answer = await call<{ workflowExecutionId?: string }>(
      `${options.sandboxUrl}/sandbox/kyx/sdk`,
      {
        method: 'POST',
        headers: {},
        body: { sdkToken: start.sdkToken, dataCenter: start.dataCenter, outcome: options.outcome },
      },
    );
    if (!answer.workflowExecutionId)
      throw new Error('the KYX SDK stand-in returned no workflowExecutionId');
    return answer.workflowExecutionId;
  }
  const path = options.type === 'poi' ? 'netverify' : 'document-verification';
  const body = {
    customerInternalReference: start.customerInternalReference,
    userReference: start.userReference,
    callbackUrl: start.callbackUrl,
    outcome: options.outcome,
    ...(options.type === 'poa'
      ? {
          type: start.documentType ?? options.documentType,
          country: start.country ?? options.country,
        }
      : {}),
  };
  const credentials = SANDBOX_SDK_CREDENTIALS;
  const basic = Buffer.from(`${credentials.apiToken}:${credentials.apiSecret}`).toString('base64');
  const answer = await call<{ scanReference?: string }>(
    `${options.sandboxUrl}/sandbox/sdk/${path}`,
    {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}` },
      body,
    },
  );
  if (!answer.scanReference) throw new Error('the sandbox SDK stand-in returned no scanReference');
  return answer.scanReference;
}

async function call<T>(
  url: string,
  request: { method: string; headers: Record<string, string>; body?: object },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...request.headers,
        ...(request.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`cannot reach ${new URL(url).origin} (${reason}); is it running?`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `${request.method} ${new URL(url).pathname} answered ${response.status}: ${errorMessage(text)}`,
    );
  }
  return (text ? JSON.parse(text) : {}) as T;
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string | string[] };
    return Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? text);
  } catch {
    return text.slice(0, 200);
  }
}

function describe(status: ScanTransactionStatus): string {
  const verification = status.verification;
  const decision = verification
    ? `, decision ${verification.decision}${verification.jumioStatus ? ` (${verification.jumioStatus})` : ''}` +
      (verification.reasons.length ? `, reasons ${verification.reasons.join(', ')}` : '')
    : '';
  return `step ${status.status}, attempts ${status.attempts}${decision}`;
}

async function main(): Promise<number> {
  let options: MobileDemoOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    const message = (error as Error).message;
    console.error(message ? `${message}\n\n${USAGE}` : USAGE);
    return error instanceof UsageError && !message ? 0 : 2;
  }
  console.log(
    `Mobile ${options.type.toUpperCase()} flow for user ${options.user} against ${options.url}`,
  );
  try {
    const final = await walkMobileFlow(options, (line) => console.log(line));
    const decision = final.verification?.decision;
    console.log(`Final: ${describe(final)}`);
    if (options.expect && decision !== options.expect) {
      console.error(`Expected decision ${options.expect}, got ${decision}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`Failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
