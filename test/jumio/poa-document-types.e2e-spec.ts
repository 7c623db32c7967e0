import { DATABASES } from '../support/create-test-app';
import { startJumioTestKit, WEB_URLS, type JumioTestKit } from '../support/jumio-test-kit';

/** A document the bank's POA rules will refuse is refused at the start, before Jumio is paid for it. */
describe.each(DATABASES)(
  'proof of address: document types the rules do not accept (%s)',
  (database) => {
    let kit: JumioTestKit;

    beforeAll(async () => {
      kit = await startJumioTestKit(database, {
        poaRules: { acceptedDocumentTypes: ['BS', 'UB'] },
      });
    });
    afterAll(async () => {
      await kit?.close();
    });

    it.each([
      ['acquisitions', { ...WEB_URLS, documentType: 'VT', country: 'GBR' }],
      ['startScanTransaction', { documentType: 'VT', country: 'GBR' }],
    ])(
      '!%s with a vehicle title → 400 naming documentType, and Jumio is not called',
      async (action, body) => {
        const before = kit.sandbox.control.findTransactions().length;
        const response = await kit.as(`poa-vt-${action}`).post('poa', action, body);
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(
          'documentType VT is not accepted for proof of address (accepted: BS, UB)',
        );
        expect(kit.sandbox.control.findTransactions().length).toBe(before);
        expect((await kit.as(`poa-vt-${action}`).status('poa')).status).toBe('NOT_STARTED_YET');
      },
    );

    it.each([
      ['acquisitions', { ...WEB_URLS, documentType: 'UB', country: 'GBR' }],
      ['startScanTransaction', { documentType: 'BS', country: 'GBR' }],
    ])('!%s with an accepted type → 200', async (action, body) => {
      const response = await kit.as(`poa-ok-${action}`).post('poa', action, body);
      expect(response.status).toBe(200);
    });
  },
);
