import { KyxAccessTokenCache } from '@app/jumio/jumio/kyx/kyx-access-token';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS } from '../support/jumio-test-kit';
import { KYX_TEST_CLIENT } from '../support/kyx-test-kit';
import { KYX_FLOWS, type FlowOutcome } from '../support/platform-flows';
import { waitUntil } from '../trust/support/trust-kit';
import { startDataProtectionApp, type DataProtectionApp } from './support/dp-app';

/** What the sandbox's fictitious person has that only the encrypted result may hold. */
const PERSONA = ['SANDBOX STREET', '1990-04-12', '2032-06-30'];

/**
 * On KYX, every route and a callback of each kind run; afterwards neither the OAuth client secret, nor
 * an access token the module used, nor the person's data is in the database's bytes, a log line or an
 * answer.
 */
describe.each(DATABASES)(
  'KYX: no client secret, token or personal data at rest, in logs or answers (%s)',
  (kind) => {
    let dp: DataProtectionApp;
    const tokens = new Set<string>();
    let spy: jest.SpyInstance;

    beforeAll(async () => {
      // Observes the tokens the module really used (the answer is the real one, unchanged).
      const original = KyxAccessTokenCache.prototype.get;
      spy = jest.spyOn(KyxAccessTokenCache.prototype, 'get').mockImplementation(async function (
        this: KyxAccessTokenCache,
      ) {
        const token = await original.call(this);
        tokens.add(token);
        return token;
      });
      dp = await startDataProtectionApp(kind, {}, 'kyx');
    });
    afterAll(async () => {
      spy?.mockRestore();
      await dp?.close();
    });

    const post = (userId: string, step: 'poi' | 'poa', action: string, body?: object) =>
      dp.post(`/api/private/jumio/${step}/!${action}`, body, { 'X-User-Id': userId });

    const decided = (userId: string, step: 'poi' | 'poa') =>
      waitUntil(`${userId}'s ${step} decision`, async () => {
        const status = await post(userId, step, 'getScanTransactionStatus');
        const decision = status.body.verification?.decision as string | undefined;
        return decision && decision !== 'PENDING' ? status.body : null;
      });

    it('web and mobile journeys, then nothing secret or personal outside the encrypted column', async () => {
      const web: Array<['poi' | 'poa', string, object, FlowOutcome]> = [
        ['poi', 'initiate', WEB_URLS, 'approved'],
        [
          'poa',
          'acquisitions',
          { ...WEB_URLS, documentType: 'UB', country: 'DEU' },
          'poaExtracted',
        ],
      ];
      for (const [step, action, body, outcome] of web) {
        const started = await post('kyx-dp-web', step, action, body);
        expect(started.status).toBe(200);
        await KYX_FLOWS.finishWeb(started.body.redirectUrl, outcome);
        expect((await decided('kyx-dp-web', step)).verification.decision).toBe('APPROVED');
      }
      const handoff = await post('kyx-dp-mobile', 'poi', 'startScanTransaction', {});
      expect(handoff.status).toBe(200);
      const reference = await fetch(`${dp.sandbox.url}/sandbox/kyx/sdk`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sdkToken: handoff.body.sdkToken,
          dataCenter: 'EU',
          outcome: 'PASSED',
        }),
      }).then(
        async (answer) =>
          ((await answer.json()) as { workflowExecutionId: string }).workflowExecutionId,
      );
      await post('kyx-dp-mobile', 'poi', 'setScanTransaction', { scanReference: reference });
      expect((await decided('kyx-dp-mobile', 'poi')).verification.decision).toBe('APPROVED');

      const stored = await dp.storedText();
      const logs = dp.logs.text();
      const answers = dp.answers.join('\n');
      // The check sees what is stored and logged at all.
      expect(stored).toContain('kyx-dp-web');
      expect(logs.length).toBeGreaterThan(0);
      expect(tokens.size).toBeGreaterThan(0);
      const basic = Buffer.from(
        `${KYX_TEST_CLIENT.clientId}:${KYX_TEST_CLIENT.clientSecret}`,
      ).toString('base64');
      const secrets = [KYX_TEST_CLIENT.clientSecret, basic, ...tokens, ...PERSONA];
      for (const secret of secrets) {
        expect({ secret, inDatabase: stored.includes(secret) }).toEqual({
          secret,
          inDatabase: false,
        });
        expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });
        expect({ secret, inAnswers: answers.includes(secret) }).toEqual({
          secret,
          inAnswers: false,
        });
      }
    });
  },
);
