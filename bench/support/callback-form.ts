import { benchReference } from './bench-token';

/**
 * A Netverify callback (jumio-api.md §5.4) for seeded transaction `i`, URL-encoded as Jumio posts it,
 * with the nested JSON fields and a realistic size (~1.5 KB). Fictional person.
 */
export function callbackForm(
  i: number,
  reference = benchReference(i),
  customerReference = `bench-cir-${i}`,
): string {
  const now = new Date().toISOString();
  return new URLSearchParams({
    callBackType: 'NETVERIFYID',
    jumioIdScanReference: reference,
    merchantIdScanReference: customerReference,
    verificationStatus: 'APPROVED_VERIFIED',
    idScanStatus: 'SUCCESS',
    idScanSource: 'WEB_UPLOAD',
    idCheckDataPositions: 'OK',
    idCheckDocumentValidation: 'OK',
    idCheckHologram: 'OK',
    idCheckMRZcode: 'OK',
    idCheckMicroprint: 'OK',
    idCheckSecurityFeatures: 'OK',
    idCheckSignature: 'OK',
    transactionDate: now,
    callbackDate: now,
    idType: 'PASSPORT',
    idCountry: 'AUT',
    idNumber: 'P1234567',
    idFirstName: 'ERIKA',
    idLastName: 'MUSTERMANN',
    idDob: '1964-08-12',
    idExpiry: '2030-01-01',
    identityVerification: JSON.stringify({ similarity: 'MATCH', validity: true }),
    idAddress: JSON.stringify({
      country: 'AUT',
      line1: 'Hauptstrasse 1',
      postalCode: '1010',
      city: 'Wien',
    }),
    clientIp: '203.0.113.7',
    idScanImage: `https://netverify.com/recognition/v1/idscan/${reference}/front`,
    idScanImageFace: `https://netverify.com/recognition/v1/idscan/${reference}/face`,
  }).toString();
}
