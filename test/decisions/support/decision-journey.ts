import type { ScanTransactionStatusResponse } from '@app/jumio';
import type { NetverifyResultOverrides, ScanOutcome } from '@app/jumio-sandbox';
import {
  finishWebJourney,
  WEB_URLS,
  type JumioTestKit,
  type UserClient,
} from '../../support/jumio-test-kit';

/** What Jumio will report for a scan: the outcome and, for Netverify, what the scenario control adds. */
export type Preset = { outcome: ScanOutcome } & NetverifyResultOverrides;

/** A web start of the step (POA: a utility bill from GBR). */
export function start(user: UserClient, step: 'poi' | 'poa') {
  return step === 'poi'
    ? user.post('poi', 'initiate', WEB_URLS)
    : user.post('poa', 'acquisitions', { ...WEB_URLS, documentType: 'UB', country: 'GBR' });
}

/** A web capture whose outcome the sandbox's scenario control decides; answers the status after the result. */
export async function journey(
  kit: JumioTestKit,
  user: UserClient,
  step: 'poi' | 'poa',
  preset: Preset,
): Promise<ScanTransactionStatusResponse> {
  const started = await start(user, step);
  expect(started.status).toBe(200);
  const { scanReference } = await user.status(step);
  const { outcome, ...overrides } = preset;
  kit.sandbox.control.setOutcome({ reference: scanReference! }, outcome, overrides);
  // The page's pick does not matter: the preset wins.
  await finishWebJourney(
    started.body.redirectUrl,
    step === 'poi' ? 'APPROVED_VERIFIED' : 'EXTRACTED',
  );
  await kit.sandbox.control.waitForCallbacks(1, { reference: scanReference! });
  return user.status(step);
}
