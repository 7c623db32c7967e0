import { DEFAULT_POA_RULES } from '@app/jumio/results/proof-of-address.rules';
import { EXTRACTABLE_DOCUMENT_TYPES } from '@app/jumio-sandbox';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  scanWithSdk,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
  type UserClient,
} from '../support/jumio-test-kit';

/**
 * Proof of address defaults that can pass (corrections #13): Jumio extracts data only from BS, UB, CCS,
 * CC, SSC, BC (and OTHER); any other type comes back DISCARDED, which no rule can ever approve.
 */
describe.each(DATABASES)('proof of address: types Jumio extracts (%s)', (database) => {
  let kit: JumioTestKit;

  beforeAll(async () => {
    kit = await startJumioTestKit(database);
  });
  afterAll(async () => {
    await kit?.close();
  });

  async function approvedIdentity(userId: string): Promise<UserClient> {
    const user = kit.as(userId);
    const started = await user.post('poi', 'initiate', WEB_URLS);
    await finishWebJourney(started.body.redirectUrl, 'APPROVED_VERIFIED');
    await kit.sandbox.control.waitForCallbacks(1, {
      reference: (await user.status('poi')).scanReference!,
    });
    expect((await user.status('poi')).verification?.decision).toBe('APPROVED');
    return user;
  }

  async function decidedPoa(user: UserClient, documentType: string) {
    const started = await user.post('poa', 'acquisitions', {
      ...WEB_URLS,
      documentType,
      country: 'GBR',
    });
    expect(started.status).toBe(200);
    await finishWebJourney(started.body.redirectUrl, 'EXTRACTED');
    await kit.sandbox.control.waitForCallbacks(1, {
      reference: (await user.status('poa')).scanReference!,
    });
    return user.status('poa');
  }

  it('accepts by default exactly the extractable types that prove an address: BS, UB, CCS', () => {
    expect(DEFAULT_POA_RULES.acceptedDocumentTypes).toEqual(['BS', 'UB', 'CCS']);
    for (const type of DEFAULT_POA_RULES.acceptedDocumentTypes)
      expect(EXTRACTABLE_DOCUMENT_TYPES.has(type)).toBe(true);
  });

  it.each(['BS', 'UB', 'CCS'])('a recent %s in the approved name is APPROVED', async (type) => {
    const user = await approvedIdentity(`poa-default-${type}`);
    expect(await decidedPoa(user, type)).toMatchObject({
      status: 'SUCCESS',
      verification: { decision: 'APPROVED', jumioStatus: 'EXTRACTED' },
    });
  });

  it.each([
    ['acquisitions', { ...WEB_URLS, country: 'GBR' }],
    ['startScanTransaction', { country: 'GBR' }],
  ])(
    '!%s with a phone bill, council bill, tax return or lease → 400 before Jumio is paid',
    async (action, body) => {
      for (const documentType of ['PB', 'CB', 'TR', 'LAG']) {
        const before = kit.sandbox.control.findTransactions().length;
        const user = kit.as(`poa-refused-${action}-${documentType}`);
        const response = await user.post('poa', action, { ...body, documentType });
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(
          `documentType ${documentType} is not accepted for proof of address (accepted: BS, UB, CCS)`,
        );
        expect(kit.sandbox.control.findTransactions()).toHaveLength(before);
      }
    },
  );

  describe('a tenant that accepts more types than Jumio extracts', () => {
    let tenant: JumioTestKit;

    beforeAll(async () => {
      tenant = await startJumioTestKit(database, {
        poaRules: { acceptedDocumentTypes: ['BS', 'UB', 'CCS', 'PB'] },
      });
    });
    afterAll(async () => {
      await tenant?.close();
    });

    it.each(['web', 'mobile'])(
      '%s: Jumio answers DISCARDED for a phone bill → RETRY with DOCUMENT_DISCARDED, the step reopens',
      async (channel) => {
        const user = tenant.as(`poa-discarded-${channel}`);
        const poi = await user.post('poi', 'initiate', WEB_URLS);
        await finishWebJourney(poi.body.redirectUrl, 'APPROVED_VERIFIED');
        let reference: string;
        if (channel === 'web') {
          const started = await user.post('poa', 'acquisitions', {
            ...WEB_URLS,
            documentType: 'PB',
            country: 'GBR',
          });
          expect(started.status).toBe(200);
          await finishWebJourney(started.body.redirectUrl, 'EXTRACTED');
          reference = (await user.status('poa')).scanReference!;
        } else {
          const handoff = await user.post('poa', 'startScanTransaction', {
            documentType: 'PB',
            country: 'GBR',
          });
          expect(handoff.status).toBe(200);
          reference = await scanWithSdk(tenant.sandbox, handoff.body, 'EXTRACTED', {
            type: 'PB',
            country: 'GBR',
          });
          await user.post('poa', 'setScanTransaction', { scanReference: reference });
        }
        const [callback] = await tenant.sandbox.control.waitForCallbacks(1, { reference });
        expect(JSON.parse(callback.fields.document)).toMatchObject({ status: 'DISCARDED' });
        expect(JSON.parse(callback.fields.document)).not.toHaveProperty('extractedData');

        const status = await user.status('poa');
        expect(status).toMatchObject({
          status: 'NOT_STARTED_YET',
          attempts: 1,
          verification: { decision: 'RETRY', jumioStatus: 'DISCARDED' },
        });
        expect(status.verification?.reasons).toContain('DOCUMENT_DISCARDED');
      },
    );
  });
});
