import type { ExtractedData } from '@app/jumio';
import type { ScanOutcome } from '@app/jumio-sandbox';
import request from 'supertest';
import { DATABASES } from '../support/create-test-app';
import {
  finishWebJourney,
  startJumioTestKit,
  WEB_URLS,
  type JumioTestKit,
  type UserClient,
} from '../support/jumio-test-kit';

const VISIBLE: Array<keyof ExtractedData> = [
  'firstName',
  'lastName',
  'documentType',
  'issuingCountry',
  'expiryDate',
  'address',
];

/** What the sandbox reports through its Retrieval API (`document`), the source of truth here. */
async function retrievedDocument(kit: JumioTestKit, reference: string) {
  const response = await request(kit.sandbox.url)
    .get(`/api/netverify/v2/scans/${reference}/data`)
    .auth('sandbox-token', 'sandbox-secret')
    .set('User-Agent', 'Test Bank App/1.0')
    .set('Accept', 'application/json');
  expect(response.status).toBe(200);
  return response.body.document as Record<string, string | Record<string, string>>;
}

/** Starts a web POI, plays the capture page with `outcome`, and waits for the callback. */
async function webPoi(kit: JumioTestKit, user: UserClient, outcome: ScanOutcome): Promise<string> {
  const started = await user.post('poi', 'initiate', WEB_URLS);
  expect(started.status).toBe(200);
  const reference = (await user.status('poi')).scanReference!;
  await finishWebJourney(started.body.redirectUrl, outcome);
  await kit.sandbox.control.waitForCallbacks(1, { reference });
  return reference;
}

describe.each(DATABASES)('user-visible extracted data (%s)', (database) => {
  describe('with userVisibleExtractedFields', () => {
    let kit: JumioTestKit;

    beforeAll(async () => {
      kit = await startJumioTestKit(database, { userVisibleExtractedFields: VISIBLE });
    });
    afterAll(async () => {
      await kit?.close();
    });

    it('shows exactly the allowed fields of an approved POI, as Jumio read them', async () => {
      const user = kit.as('visible-approved');
      const reference = await webPoi(kit, user, 'APPROVED_VERIFIED');
      const status = await user.status('poi');
      expect(status.verification?.decision).toBe('APPROVED');

      const document = await retrievedDocument(kit, reference);
      const address = document.address as Record<string, string>;
      const extracted = status.verification?.extracted;
      expect(extracted).toEqual({
        firstName: document.firstName,
        lastName: document.lastName,
        documentType: document.type,
        issuingCountry: document.issuingCountry,
        expiryDate: document.expiry,
        address: expect.objectContaining({
          line1: address.line1,
          city: address.city,
          postalCode: address.postalCode,
          country: address.country,
        }),
      });
      expect(document.number).toBeTruthy();
      expect(document.dob).toBeTruthy();
      const body = JSON.stringify(status);
      expect(body).not.toContain(document.number as string);
      expect(body).not.toContain(document.dob as string);
      expect(extracted).not.toHaveProperty('documentNumber');
      expect(extracted).not.toHaveProperty('dateOfBirth');
    });

    it('shows no extracted data while the decision is PENDING', async () => {
      const user = kit.as('visible-pending');
      const started = await user.post('poi', 'initiate', WEB_URLS);
      expect(started.status).toBe(200);
      // The client reports the journey done before Jumio has said anything: decision PENDING.
      const reported = await user.post('poi', 'setScanTransactionStatus', { status: 'SUCCESS' });
      expect(reported.status).toBe(200);
      const status = await user.status('poi');
      expect(status.verification?.decision).toBe('PENDING');
      expect(status.verification).not.toHaveProperty('extracted');
      expect(reported.body.verification).not.toHaveProperty('extracted');
    });

    it('answers null once retention purged the data', async () => {
      const user = kit.as('visible-purged');
      const reference = await webPoi(kit, user, 'APPROVED_VERIFIED');
      const { transactionId } = await user.status('poi');
      await kit.app.dataSource.query(
        `UPDATE "jumio_verification_result" SET "extracted_data" = NULL WHERE "scan_transaction_id" = '${transactionId}'`,
      );
      const status = await user.status('poi');
      expect(status.scanReference).toBe(reference);
      expect(status.verification).toMatchObject({ decision: 'APPROVED', extracted: null });
    });
  });

  describe('with the default option', () => {
    let kit: JumioTestKit;

    beforeAll(async () => {
      kit = await startJumioTestKit(database);
    });
    afterAll(async () => {
      await kit?.close();
    });

    it('shows nothing extracted for an approved POI', async () => {
      const user = kit.as('default-approved');
      await webPoi(kit, user, 'APPROVED_VERIFIED');
      const status = await user.status('poi');
      expect(status.verification?.decision).toBe('APPROVED');
      expect(status.verification).not.toHaveProperty('extracted');
    });
  });
});
