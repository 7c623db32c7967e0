import type { JumioModuleOptions } from '@app/jumio';
import type { JumioPlatformName } from '@app/jumio/options/jumio-platform-name';
import type { JumioSandbox } from '@app/jumio-sandbox';
import type { MobileHandoffResponse } from '@app/jumio/start/dto/mobile-handoff.response';
import { submitCapture } from '../sandbox/support/capture-journey';
import type { DatabaseKind } from './create-test-app';
import {
  finishWebJourney,
  scanWithSdk,
  startJumioTestKit,
  type JumioTestKit,
} from './jumio-test-kit';
import { startKyxTestKit } from './kyx-test-kit';

/** What the person does at Jumio, named the same on both platforms. */
export type FlowOutcome = 'approved' | 'unreadable' | 'fraud' | 'poaExtracted' | 'poaUnfinished';

/**
 * The few things that differ between the platforms in an end-to-end flow: how the kit starts, how the
 * person finishes at Jumio (hosted page, SDK), how the sandbox reports callbacks, and Jumio's status
 * words. Suites written against this run on both (`describe.each(FLOW_PLATFORMS)`), not copied.
 */
export interface FlowPlatform {
  name: JumioPlatformName;
  startKit(database: DatabaseKind, options?: Partial<JumioModuleOptions>): Promise<JumioTestKit>;
  /** The person on Jumio's hosted page behind a redirectUrl. */
  finishWeb(redirectUrl: string, outcome: FlowOutcome): Promise<void>;
  /** The app with Jumio's SDK after `!startScanTransaction`; returns the reference the SDK reports. */
  scanWithSdk(
    kit: JumioTestKit,
    handoff: MobileHandoffResponse,
    outcome: FlowOutcome,
  ): Promise<string>;
  /** Waits until the sandbox settled the scan's callback (sent, failed or dropped); its delivery. */
  waitForCallback(kit: JumioTestKit, reference: string): Promise<string>;
  /** Whether Jumio finished processing the scan. */
  jumioFinished(kit: JumioTestKit, reference: string): boolean;
  /** The `jumioStatus` the module reports for each outcome. */
  jumioStatus: Record<FlowOutcome, string>;
  /** A reason the module records for a fraud outcome. */
  fraudReason: string;
  /** The data centre the kit runs in. */
  dataCenter: string;
  /** What Jumio was told about a scan (references, callback URL). */
  scanAtJumio(
    kit: JumioTestKit,
    reference: string,
  ):
    | { callbackUrl?: string; customerInternalReference?: string; userReference?: string }
    | undefined;
  /** How many scans (legacy transactions, KYX workflow executions) Jumio holds: each one billed. */
  scansAtJumio(kit: JumioTestKit): number;
  /** Whether Jumio deleted the scan (KYX: with the user's whole account). */
  deletedAtJumio(sandbox: JumioSandbox, reference: string): boolean | undefined;
  /** Jumio sends the scan's last callback again. */
  resendCallback(kit: JumioTestKit, reference: string): Promise<unknown>;
}

const LEGACY_OUTCOMES = {
  approved: 'APPROVED_VERIFIED',
  unreadable: 'ERROR_NOT_READABLE_ID',
  fraud: 'DENIED_FRAUD',
  poaExtracted: 'EXTRACTED',
  /** DV: the upload never finalised. */
  poaUnfinished: 'FAILED',
} as const;

const KYX_OUTCOMES: Record<FlowOutcome, string> = {
  approved: 'PASSED',
  unreadable: 'BLURRED',
  fraud: 'MANIPULATED',
  poaExtracted: 'EXTRACTED',
  poaUnfinished: 'SESSION_EXPIRED',
};

export const LEGACY_FLOWS: FlowPlatform = {
  name: 'legacy',
  startKit: (database, options) => startJumioTestKit(database, options),
  finishWeb: (redirectUrl, outcome) => finishWebJourney(redirectUrl, LEGACY_OUTCOMES[outcome]),
  scanWithSdk: (kit, handoff, outcome) =>
    scanWithSdk(
      kit.sandbox,
      handoff,
      LEGACY_OUTCOMES[outcome],
      // The legacy SDK is told the document of a POA; KYX's workflow knows it from the start.
      handoff.documentType && handoff.country && outcome.startsWith('poa')
        ? { type: handoff.documentType, country: handoff.country }
        : undefined,
    ),
  waitForCallback: async (kit, reference) =>
    (await kit.sandbox.control.waitForCallbacks(1, { reference }))[0].delivery,
  jumioFinished: (kit, reference) =>
    kit.sandbox.control.transaction(reference)?.status !== 'PENDING',
  jumioStatus: LEGACY_OUTCOMES,
  fraudReason: 'DENIED_FRAUD',
  dataCenter: 'US',
  scanAtJumio: (kit, reference) => kit.sandbox.control.transaction(reference),
  scansAtJumio: (kit) => kit.sandbox.control.findTransactions().length,
  resendCallback: (kit, reference) => kit.sandbox.control.resendCallback(reference),
  deletedAtJumio: (sandbox, reference) => sandbox.control.transaction(reference)?.deleted,
};

export const KYX_FLOWS: FlowPlatform = {
  name: 'kyx',
  startKit: (database, options) => startKyxTestKit(database, options),
  finishWeb: async (redirectUrl, outcome) => {
    const answer = await submitCapture(redirectUrl, { outcome: KYX_OUTCOMES[outcome] });
    expect(answer.status).toBeLessThan(400);
  },
  scanWithSdk: async (kit, handoff, outcome) => {
    const answer = await fetch(`${kit.sandbox.url}/sandbox/kyx/sdk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sdkToken: handoff.sdkToken,
        dataCenter: handoff.dataCenter,
        outcome: KYX_OUTCOMES[outcome],
      }),
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { workflowExecutionId: string }).workflowExecutionId;
  },
  waitForCallback: async (kit, reference) =>
    (await kit.sandbox.kyx.waitForCallbacks(1, { workflowExecutionId: reference }))[0].delivery,
  jumioFinished: (kit, reference) => kit.sandbox.kyx.execution(reference)?.status === 'PROCESSED',
  jumioStatus: {
    approved: 'PROCESSED_PASSED',
    unreadable: 'PROCESSED_REJECTED',
    fraud: 'PROCESSED_REJECTED',
    poaExtracted: 'PROCESSED_PASSED',
    poaUnfinished: 'SESSION_EXPIRED',
  },
  fraudReason: 'IMAGE_CHECKS_MANIPULATED_DOCUMENT',
  dataCenter: 'EU',
  scanAtJumio: (kit, reference) => kit.sandbox.kyx.execution(reference),
  scansAtJumio: (kit) => kit.sandbox.kyx.findExecutions().length,
  resendCallback: (kit, reference) => kit.sandbox.kyx.resendCallback(reference),
  deletedAtJumio: (sandbox, reference) => sandbox.kyx.execution(reference)?.deleted,
};

export const FLOW_PLATFORMS: FlowPlatform[] = [LEGACY_FLOWS, KYX_FLOWS];
