import { PersonalDataCipher } from '@app/jumio/persistence/personal-data.cipher';
import { RetentionService } from '@app/jumio/data-protection/retention.service';
import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import type { JumioPlatformName } from '@app/jumio/options/jumio-platform-name';
import type { JumioSandbox } from '@app/jumio-sandbox';
import { WEB_URLS } from '../support/jumio-test-kit';
import { FLOW_PLATFORMS, type CallbackBody } from '../support/platform-flows';
import { waitUntil } from '../trust/support/trust-kit';
import { startDataProtectionApp, type DataProtectionApp } from './support/dp-app';

/*
 * Canary personal data goes through every private route and callback shape; afterwards it must not be
 * found in the database's bytes, a PostgreSQL dump, any log line or any answer. The sandbox's fictitious
 * person (what Jumio "extracts") is a second set of canaries: it must be stored, but only encrypted.
 */
const CANARIES = [
  'CANARYFIRST',
  'CANARYLAST',
  'CANARY123456',
  'CANARY LANE',
  '1911-11-11',
  'canary-image',
];
const PERSONA = ['SANDBOX STREET', '1990-04-12', '2032-06-30'];
const UTILITY_BILL = { documentType: 'UB', country: 'DEU' };

/** Callbacks crafted with canaries in their fields, in each platform's own format, for one scan. */
interface CraftedCallbacks {
  /** Names the scan correctly: it is confirmed through retrieval. */
  wellFormed: CallbackBody;
  /** Stored and answered 200 first, refused when validated. */
  malformed: CallbackBody[];
  /** Another shape the platform may send. */
  others: CallbackBody[];
}

const form = (fields: Record<string, string>): CallbackBody => ({
  type: 'form',
  body: new URLSearchParams(fields).toString(),
});
const json = (body: object): CallbackBody => ({ type: 'json', body: JSON.stringify(body) });

const CRAFTED: Record<
  JumioPlatformName,
  (sandbox: JumioSandbox, scanReference: string) => CraftedCallbacks
> = {
  legacy: (_sandbox, scanReference) => {
    const netverify = {
      callBackType: 'NETVERIFYID',
      jumioIdScanReference: scanReference,
      verificationStatus: 'APPROVED_VERIFIED',
      idScanStatus: 'SUCCESS',
      idScanSource: 'SDK',
      idType: 'PASSPORT',
      idCountry: 'AUT',
      idFirstName: 'CANARYFIRST',
      idLastName: 'CANARYLAST',
      idDob: '1911-11-11',
      idNumber: 'CANARY123456',
      idAddress: JSON.stringify({ line1: 'CANARY LANE 7', city: 'Vienna', country: 'AUT' }),
      idScanImage: 'https://netverify.com/recognition/v1/idscan/canary-image/front',
      livenessImages: JSON.stringify(['https://netverify.com/canary-image/1']),
      transactionDate: '2025-01-01T10:00:00.000Z',
      callbackDate: '2025-01-01T10:05:00.1Z',
    };
    return {
      wellFormed: form(netverify),
      malformed: [
        form({ ...netverify, idAddress: '{"line1":"CANARY LANE 7", CANARY123456' }),
        form({ ...netverify, callbackDate: 'CANARY123456' }),
      ],
      others: [
        form({
          scanReference,
          timestamp: '2025-01-01T10:05:00.000Z',
          transaction: JSON.stringify({
            status: 'DONE',
            source: 'DOC_SDK',
            date: '2025-01-01T10:00:00.000Z',
          }),
          document: JSON.stringify({
            status: 'EXTRACTED',
            type: 'UB',
            country: 'DEU',
            images: ['https://retrieval.netverify.com/canary-image/pages/1'],
            extractedData: {
              firstName: 'CANARYFIRST CANARYLAST',
              address: { line1: 'CANARY LANE 7' },
            },
          }),
        }),
      ],
    };
  },
  kyx: (sandbox, workflowExecutionId) => {
    const execution = sandbox.kyx.execution(workflowExecutionId)!;
    // KYX callbacks carry references only; a forger may still add personal data anywhere.
    const callback = {
      callbackSentAt: '2025-01-01T10:05:00.000Z',
      userReference: 'CANARYFIRST CANARYLAST',
      workflowExecution: {
        id: workflowExecutionId,
        href: 'https://retrieval.example/canary-image',
        definitionKey: execution.definitionKey,
        status: 'PROCESSED',
      },
      account: { id: execution.accountId, href: 'https://account.example/CANARY123456' },
      person: { dob: '1911-11-11', idNumber: 'CANARY123456', address: 'CANARY LANE 7' },
    };
    return {
      wellFormed: json(callback),
      malformed: [
        json({ ...callback, workflowExecution: 'CANARY123456 CANARY LANE 7' }),
        json({ ...callback, account: { id: 'CANARY123456/1911-11-11' } }),
      ],
      others: [{ type: 'json', body: '{"userReference":"CANARYFIRST", CANARY123456' }],
    };
  },
};

const CASES = FLOW_PLATFORMS.flatMap((platform) => DATABASES.map((kind) => ({ platform, kind })));

describe.each(CASES)(
  'canary personal data never leaves encrypted storage ($platform.name, $kind)',
  ({ platform, kind }) => {
    let dp: DataProtectionApp;
    /** Jumio references of the scans made; the sandbox derives document numbers from them. */
    const scanReferences: string[] = [];

    beforeAll(async () => {
      dp = await startDataProtectionApp(kind, {}, platform.name);
    });
    afterAll(async () => {
      await dp?.close();
    });

    const as = (userId: string) => ({
      post: (step: 'poi' | 'poa', action: string, body?: object) =>
        dp.post(`/api/private/jumio/${step}/!${action}`, body, { 'X-User-Id': userId }),
    });

    async function decided(userId: string, step: 'poi' | 'poa') {
      return waitUntil(`${userId}'s ${step} decision`, async () => {
        const status = await as(userId).post(step, 'getScanTransactionStatus');
        const decision = status.body.verification?.decision as string | undefined;
        return decision && decision !== 'PENDING' ? status.body : null;
      });
    }

    it('runs every route and callback with personal data, and stores the result only encrypted', async () => {
      // Web POI and POA through Jumio's hosted pages.
      const poiWeb = await as('dp-poi-web').post('poi', 'initiate', WEB_URLS);
      expect(poiWeb.status).toBe(200);
      await platform.finishWeb(poiWeb.body.redirectUrl, 'approved');
      const poiWebStatus = await decided('dp-poi-web', 'poi');
      expect(poiWebStatus.verification.decision).toBe('APPROVED');
      scanReferences.push(poiWebStatus.scanReference);

      const poaWeb = await as('dp-poi-web').post('poa', 'acquisitions', {
        ...WEB_URLS,
        ...UTILITY_BILL,
      });
      expect(poaWeb.status).toBe(200);
      await platform.finishWeb(poaWeb.body.redirectUrl, 'poaExtracted');
      scanReferences.push((await decided('dp-poi-web', 'poa')).scanReference);

      // Mobile POI and POA through the SDK stand-in.
      for (const [step, outcome] of [
        ['poi', 'approved'],
        ['poa', 'poaExtracted'],
      ] as const) {
        const user = as('dp-mobile');
        const handoff = await user.post(
          step,
          'startScanTransaction',
          step === 'poa' ? UTILITY_BILL : {},
        );
        expect(handoff.status).toBe(200);
        const scanReference = await platform.scanWithSdk(dp, handoff.body, outcome);
        expect((await user.post(step, 'setScanTransaction', { scanReference })).status).toBe(200);
        expect(
          (await user.post(step, 'setScanTransactionStatus', { status: 'SUCCESS' })).status,
        ).toBe(200);
        scanReferences.push((await decided('dp-mobile', step)).scanReference);
      }

      // Everything Jumio extracted is stored, and stored encrypted: it opens only through the cipher.
      const cipher = dp.app.get(PersonalDataCipher);
      const results = await dp.dataSource.query<
        Array<{ id: string; extracted_data: string | null }>
      >(`SELECT id, extracted_data FROM jumio_verification_result`);
      expect(results).toHaveLength(4);
      for (const row of results) {
        expect(row.extracted_data).toMatch(/^v1:sandbox-dev:/);
        expect(JSON.stringify(cipher.openExtractedData(row.id, row.extracted_data))).toMatch(
          /JANE|SANDBOX/,
        );
      }
    });

    it('keeps canaries in crafted callbacks (well-formed, malformed, another shape, unknown token) out of answers', async () => {
      const user = as('dp-crafted');
      const handoff = await user.post('poi', 'startScanTransaction', {});
      const scanReference = await platform.scanWithSdk(dp, handoff.body, 'approved');
      scanReferences.push(scanReference);
      const path = new URL(handoff.body.callbackUrl as string).pathname;
      const crafted = CRAFTED[platform.name](dp.sandbox, scanReference);
      const send = (callback: CallbackBody, to = path) =>
        request(dp.url).post(to).type(callback.type).send(callback.body);

      const accepted = await send(crafted.wellFormed);
      expect(accepted.status).toBe(200);
      const malformed = [];
      for (const callback of crafted.malformed) malformed.push(await send(callback));
      const others = [];
      for (const callback of crafted.others) others.push(await send(callback));
      const unknownToken = await send(crafted.wellFormed, `/api/jumio/callback/${'A'.repeat(43)}`);
      for (const response of [accepted, ...malformed, ...others, unknownToken])
        dp.answers.push(response.text);
      // Stored and answered first, validated afterwards: a malformed body is no reason to refuse it.
      for (const response of malformed) expect(response.status).toBe(200);
      expect(unknownToken.status).toBe(404);
      await decided('dp-crafted', 'poi');

      // Processed raw callbacks are emptied; those waiting for the retention job are encrypted meanwhile.
      await dp.app.get(RetentionService).runOnce();
      const inbox = await dp.dataSource.query<
        Array<{
          payload: string;
        }>
      >(`SELECT payload FROM jumio_callback_inbox`);
      const storedFirst = [accepted, ...malformed, ...others].filter(
        ({ status }) => status === 200,
      );
      expect(inbox.length).toBeGreaterThanOrEqual(storedFirst.length);
      for (const row of inbox)
        expect(row.payload === '' || row.payload.startsWith('v1:')).toBe(true);
    });

    it('keeps canaries sent to the private routes out of error answers', async () => {
      const user = as('dp-bad-input');
      const answers = [
        await user.post('poi', 'initiate', {
          successUrl: 'CANARYFIRST not a url',
          errorUrl: 'CANARY123456',
        }),
        await user.post('poi', 'setScanTransaction', { scanReference: 'CANARY123456/../x' }),
        await user.post('poi', 'setScanTransactionStatus', {
          status: 'CANARYFIRST',
          errorCode: 'CANARY123456',
        }),
        await user.post('poa', 'acquisitions', {
          ...WEB_URLS,
          documentType: 'CANARYFIRST',
          country: 'CANARY123456',
        }),
        await dp.post(
          '/api/private/jumio/admin/!eraseUser',
          { userId: '', note: 'CANARY123456' },
          { 'x-test-admin': 'yes' },
        ),
      ];
      for (const answer of answers) expect(answer.status).toBe(400);
    });

    it('finds no canary in the database, the logs or any answer; and the check itself sees stored text', async () => {
      const stored = await dp.storedText();
      const logs = dp.logs.text();
      const answers = dp.answers.join('\n');
      // The check is able to see what is stored in clear: user ids and Jumio references are.
      expect(stored).toContain('dp-poi-web');
      expect(stored).toContain(scanReferences[0]);
      expect(logs.length).toBeGreaterThan(0);

      const documentNumbers = scanReferences.map(
        (ref) => `SBX${ref.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
      );
      for (const canary of [...CANARIES, ...PERSONA, ...documentNumbers]) {
        expect({ canary, inDatabase: stored.includes(canary) }).toEqual({
          canary,
          inDatabase: false,
        });
        expect({ canary, inLogs: logs.includes(canary) }).toEqual({ canary, inLogs: false });
        expect({ canary, inAnswers: answers.includes(canary) }).toEqual({
          canary,
          inAnswers: false,
        });
      }
    });

    it('sends Jumio only random references: never the user id or anything personal', () => {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      for (const reference of scanReferences) {
        const seen = platform.scanAtJumio(dp, reference)!;
        expect(seen.customerInternalReference).toMatch(uuid);
        expect(seen.userReference).toMatch(uuid);
        expect(new URL(seen.callbackUrl!).pathname).toMatch(
          /^\/api\/jumio\/callback\/[A-Za-z0-9_-]{43}$/,
        );
      }
    });

    it('records every state change in the audit trail, with its cause and without personal data', async () => {
      const [tx] = await dp.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM jumio_scan_transaction WHERE user_id = 'dp-poi-web' AND type = 'POI'`,
      );
      const events = await dp.dataSource.query<Array<Record<string, string | null>>>(
        `SELECT cause, action, previous_status, new_status, previous_decision, new_decision
       FROM jumio_audit_event WHERE scan_transaction_id = '${tx.id}' ORDER BY occurred_at`,
      );
      expect(events[0]).toEqual({
        cause: 'CLIENT_ROUTE',
        action: 'STATE_CHANGED',
        previous_status: null,
        new_status: 'PENDING',
        previous_decision: null,
        new_decision: null,
      });
      expect(events).toContainEqual(
        expect.objectContaining({
          cause: 'CALLBACK',
          action: 'STATE_CHANGED',
          new_decision: 'APPROVED',
        }),
      );
    });
  },
);
