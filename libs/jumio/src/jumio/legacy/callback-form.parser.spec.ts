import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import type { JumioResult } from '../../persistence/verification.types';
import {
  parseCallbackForm,
  parseDocumentRetrieval,
  parseNetverifyRetrieval,
} from './callback-form.parser';
import { CallbackParseError } from '../callback-parse.error';

/* Payloads follow jumio-api.md §5.4–§5.6 (callbacks) and §6 (retrieval); form values are strings. */

const NV_REFERENCE = 'e9a2b0f1-3c4d-4e5f-8a6b-7c8d9e0f1a2b';
const DV_REFERENCE = '5f1e2d3c-4b5a-4968-8776-655443322110';

const ID_CHECKS_OK = {
  idCheckDataPositions: 'OK',
  idCheckDocumentValidation: 'OK',
  idCheckHologram: 'OK',
  idCheckMRZcode: 'OK',
  idCheckMicroprint: 'OK',
  idCheckSecurityFeatures: 'OK',
  idCheckSignature: 'OK',
};
const ID_CHECKS_NA = Object.fromEntries(Object.keys(ID_CHECKS_OK).map((check) => [check, 'N/A']));

const NV_ADDRESS = {
  line1: 'Hauptstraße 1',
  line2: 'Top 4',
  city: 'Wien',
  postalCode: '1010',
  subdivision: 'W',
  country: 'AUT',
  formattedAddress: 'Hauptstraße 1/4, 1010 Wien',
};

function approvedNetverifyCallback(): Record<string, string> {
  return {
    callBackType: 'NETVERIFYID',
    jumioIdScanReference: NV_REFERENCE,
    merchantIdScanReference: 'cir-0b7e4c2a',
    customerId: 'usr-91d3',
    verificationStatus: 'APPROVED_VERIFIED',
    idScanStatus: 'SUCCESS',
    idScanSource: 'WEB_UPLOAD',
    ...ID_CHECKS_OK,
    transactionDate: '2024-05-02T10:11:12.345Z',
    callbackDate: '2024-05-02T10:14:40.12Z',
    idType: 'ID_CARD',
    idSubtype: 'NATIONAL_ID',
    idCountry: 'AUT',
    idFirstName: 'MAXIMILIAN',
    idLastName: 'MUSTERMANN',
    idDob: '1985-02-03',
    idExpiry: '2030-01-01',
    idNumber: 'A1234567',
    nationality: 'AUT',
    issuingDate: '2020-01-02',
    gender: 'M',
    idAddress: JSON.stringify(NV_ADDRESS),
    identityVerification: '{"similarity":"MATCH","validity":true}',
    idScanImage: `https://netverify.com/recognition/v1/idscan/${NV_REFERENCE}/front`,
    idScanImageFace: `https://netverify.com/recognition/v1/idscan/${NV_REFERENCE}/face`,
    livenessImages: JSON.stringify([`https://netverify.com/liveness/${NV_REFERENCE}/1`]),
    clientIp: '203.0.113.7',
    someFieldJumioAddsLater: 'ignored',
  };
}

const APPROVED_EXTRACTED = {
  firstName: 'MAXIMILIAN',
  lastName: 'MUSTERMANN',
  dateOfBirth: '1985-02-03',
  documentNumber: 'A1234567',
  expiryDate: '2030-01-01',
  documentType: 'ID_CARD',
  documentSubtype: 'NATIONAL_ID',
  issuingCountry: 'AUT',
  nationality: 'AUT',
  issueDate: '2020-01-02',
  address: {
    line1: 'Hauptstraße 1',
    line2: 'Top 4',
    city: 'Wien',
    postalCode: '1010',
    subdivision: 'W',
    country: 'AUT',
    formatted: 'Hauptstraße 1/4, 1010 Wien',
  },
};

function minimalNoIdCallback(): Record<string, string> {
  return {
    callBackType: 'NETVERIFYID',
    jumioIdScanReference: NV_REFERENCE,
    verificationStatus: 'NO_ID_UPLOADED',
    idScanStatus: 'ERROR',
    idScanSource: 'WEB',
    ...ID_CHECKS_NA,
    transactionDate: '2024-05-02T10:11:12Z',
    callbackDate: '2024-05-02T10:41:12.5Z',
  };
}

const DV_TRANSACTION = {
  date: '2024-05-02T09:00:00.1Z',
  status: 'DONE',
  source: 'DOC_UPLOAD',
  merchantScanReference: 'cir-poa-77',
  customerId: 'usr-91d3',
};

function extractedDocumentCallback(): Record<string, string> {
  return {
    scanReference: DV_REFERENCE,
    timestamp: '2024-05-02T09:05:00.123Z',
    transaction: JSON.stringify(DV_TRANSACTION),
    document: JSON.stringify({
      status: 'EXTRACTED',
      country: 'AUT',
      type: 'UB',
      images: [
        `https://retrieval.netverify.com/api/netverify/v2/documents/${DV_REFERENCE}/pages/1`,
      ],
      extractedData: {
        firstName: 'MAXIMILIAN MUSTERMANN',
        issueDate: '2024-04-01',
        // The retrieval quirk (§6): flat address fields inside a JSON-encoded string.
        extractedData: JSON.stringify({
          addressFormat: 'RAW',
          line1: 'Hauptstraße 1',
          line2: 'Top 4',
          city: 'Wien',
          postalCode: '1010',
          subdivision: 'W',
          countryCode: 'AUT',
          accountNumber: 'AT611904300234573201',
          issueDate: '2024-04-01',
        }),
      },
    }),
  };
}

const DV_EXTRACTED = {
  fullName: 'MAXIMILIAN MUSTERMANN',
  documentType: 'UB',
  issuingCountry: 'AUT',
  issueDate: '2024-04-01',
  address: {
    line1: 'Hauptstraße 1',
    line2: 'Top 4',
    city: 'Wien',
    postalCode: '1010',
    subdivision: 'W',
    country: 'AUT',
  },
};

/** Values that must never appear in an error message. */
const PERSONAL_VALUES = [
  'MAXIMILIAN',
  'MUSTERMANN',
  'Hauptstraße',
  'A1234567',
  '1985-02-03',
  'cir-',
];

function parseFailure(form: Record<string, unknown>): CallbackParseError {
  let failure: unknown;
  try {
    parseCallbackForm(form);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(CallbackParseError);
  for (const value of PERSONAL_VALUES) expect((failure as Error).message).not.toContain(value);
  return failure as CallbackParseError;
}

describe('parseCallbackForm: Netverify', () => {
  it('parses an approved callback with identity verification', () => {
    expect(parseCallbackForm(approvedNetverifyCallback())).toEqual<JumioResult>({
      product: 'NETVERIFY',
      jumioReference: NV_REFERENCE,
      customerInternalReference: 'cir-0b7e4c2a',
      userReference: 'usr-91d3',
      jumioStatus: 'APPROVED_VERIFIED',
      decision: 'APPROVED',
      reasons: [],
      extracted: APPROVED_EXTRACTED,
      reportedAt: new Date('2024-05-02T10:14:40.120Z'),
      // What Jumio said, for the host's decision policy (ScanTransactionService).
      netverifyFacts: expect.objectContaining({
        verificationStatus: 'APPROVED_VERIFIED',
        idScanStatus: 'SUCCESS',
        expiryDate: '2030-01-01',
      }) as JumioResult['netverifyFacts'],
    });
  });

  it('rejects a face that does not match although the document passed', () => {
    const result = parseCallbackForm({
      ...approvedNetverifyCallback(),
      identityVerification: '{"similarity":"NO_MATCH","validity":"TRUE"}',
    });
    expect(result).toMatchObject({ decision: 'REJECTED', reasons: ['SIMILARITY_NO_MATCH'] });
  });

  it.each(['true', 'TRUE', 'True', true])('reads validity %j as true', (validity) => {
    const identityVerification = JSON.stringify({ similarity: 'MATCH', validity });
    const result = parseCallbackForm({ ...approvedNetverifyCallback(), identityVerification });
    expect(result.decision).toBe('APPROVED');
  });

  it('rejects fraud with a single reject reason detail object', () => {
    const result = parseCallbackForm({
      ...approvedNetverifyCallback(),
      verificationStatus: 'DENIED_FRAUD',
      idScanStatus: 'ERROR',
      ...ID_CHECKS_NA,
      identityVerification: '',
      idFirstName: 'N/A',
      idLastName: 'N/A',
      rejectReason: JSON.stringify({
        rejectReasonCode: '100',
        rejectReasonDescription: 'MANIPULATED_DOCUMENT',
        rejectReasonDetails: { detailsCode: '1001', detailsDescription: 'PHOTO' },
      }),
    });
    expect(result).toMatchObject({
      jumioStatus: 'DENIED_FRAUD',
      decision: 'REJECTED',
      reasons: [
        'DENIED_FRAUD',
        'REJECT_REASON_100_MANIPULATED_DOCUMENT',
        'REJECT_DETAIL_1001_PHOTO',
      ],
    });
    expect(result.extracted).not.toHaveProperty('firstName');
    expect(result.extracted).not.toHaveProperty('lastName');
  });

  it('asks for a retry on an unreadable ID with an array of details', () => {
    const result = parseCallbackForm({
      ...minimalNoIdCallback(),
      verificationStatus: 'ERROR_NOT_READABLE_ID',
      rejectReason: JSON.stringify({
        rejectReasonCode: '200',
        rejectReasonDescription: 'NOT_READABLE_DOCUMENT',
        rejectReasonDetails: [
          { detailsCode: '2001', detailsDescription: 'BLURRED' },
          { detailsCode: '2006', detailsDescription: 'GLARE' },
        ],
      }),
    });
    expect(result).toMatchObject({
      decision: 'RETRY',
      reasons: [
        'ERROR_NOT_READABLE_ID',
        'REJECT_REASON_200_NOT_READABLE_DOCUMENT',
        'REJECT_DETAIL_2001_BLURRED',
        'REJECT_DETAIL_2006_GLARE',
      ],
      extracted: null,
    });
  });

  it('parses NO_ID_UPLOADED with only the always-present fields', () => {
    expect(parseCallbackForm(minimalNoIdCallback())).toEqual<JumioResult>({
      product: 'NETVERIFY',
      jumioReference: NV_REFERENCE,
      customerInternalReference: undefined,
      userReference: undefined,
      jumioStatus: 'NO_ID_UPLOADED',
      decision: 'RETRY',
      reasons: ['NO_ID_UPLOADED'],
      extracted: null,
      reportedAt: new Date('2024-05-02T10:41:12.500Z'),
      netverifyFacts: expect.objectContaining({
        verificationStatus: 'NO_ID_UPLOADED',
      }) as JumioResult['netverifyFacts'],
    });
  });

  it('accepts the `callbackType` spelling', () => {
    const { callBackType, ...rest } = minimalNoIdCallback();
    expect(parseCallbackForm({ ...rest, callbackType: callBackType }).decision).toBe('RETRY');
  });

  it("reads Jumio's sample shape: no transactionDate, no callbackDate (corrections #16)", () => {
    const { transactionDate, callbackDate, ...sample } = approvedNetverifyCallback();
    expect([transactionDate, callbackDate].every(Boolean)).toBe(true);
    expect(parseCallbackForm(sample)).toMatchObject({
      jumioReference: NV_REFERENCE,
      decision: 'APPROVED',
      reportedAt: null,
    });
  });

  it('reads a Document Verification callback without its timestamp', () => {
    const { timestamp, ...form } = extractedDocumentCallback();
    expect(timestamp).toBeTruthy();
    expect(parseCallbackForm(form)).toMatchObject({ product: 'DOCUMENT', reportedAt: null });
  });

  it.each([
    ['2024-05-02T10:41:12Z', '2024-05-02T10:41:12.000Z'],
    ['2024-05-02T10:41:12.Z', '2024-05-02T10:41:12.000Z'],
    ['2024-05-02T10:41:12.7Z', '2024-05-02T10:41:12.700Z'],
    ['2024-05-02T10:41:12.07Z', '2024-05-02T10:41:12.070Z'],
    ['2024-05-02T10:41:12.007Z', '2024-05-02T10:41:12.007Z'],
  ])('reads the timestamp %s', (callbackDate, expected) => {
    expect(parseCallbackForm({ ...minimalNoIdCallback(), callbackDate }).reportedAt).toEqual(
      new Date(expected),
    );
  });

  it.each([
    ['verificationStatus', { verificationStatus: undefined }, 'is missing'],
    ['idScanStatus', { idScanStatus: '' }, 'is missing'],
    ['callbackDate', { callbackDate: '2024-02-30T10:00:00Z' }, 'is not a Jumio timestamp'],
    ['transactionDate', { transactionDate: '02.05.2024 10:00' }, 'is not a Jumio timestamp'],
    [
      'jumioIdScanReference',
      { jumioIdScanReference: '../../../etc/passwd' },
      'is not shaped like a Jumio reference',
    ],
    [
      'verificationStatus',
      { verificationStatus: ['APPROVED_VERIFIED', 'DENIED_FRAUD'] },
      'is not a single text value',
    ],
    [
      'verificationStatus',
      { verificationStatus: 'APPROVED VERIFIED; drop' },
      'is not a status word',
    ],
  ])('names %s when it is wrong (%j)', (field, change, problem) => {
    const failure = parseFailure({ ...approvedNetverifyCallback(), ...change });
    expect(failure.field).toBe(field);
    expect(failure.message).toContain(problem);
  });

  it.each([
    ['identityVerification', '{"similarity":"MATCH",'],
    ['idAddress', `{"line1":"Hauptstraße 1","city":"Wien"`],
    ['rejectReason', 'rejectReasonCode=100'],
  ])('names the nested field %s when its JSON is malformed, without echoing it', (field, value) => {
    const failure = parseFailure({ ...approvedNetverifyCallback(), [field]: value });
    expect(failure.field).toBe(field);
    expect(failure.message).toBe(`Jumio callback field "${field}" is not valid JSON`);
  });

  it('names a reject reason detail that is not an object', () => {
    const rejectReason = JSON.stringify({
      rejectReasonCode: '200',
      rejectReasonDetails: [{ detailsCode: '2001' }, 7],
    });
    const failure = parseFailure({
      ...minimalNoIdCallback(),
      verificationStatus: 'ERROR_NOT_READABLE_ID',
      rejectReason,
    });
    expect(failure.field).toBe('rejectReason.rejectReasonDetails[1]');
  });

  it('refuses callback types other than NETVERIFYID', () => {
    const failure = parseFailure({
      ...minimalNoIdCallback(),
      callBackType: 'NETVERIFY_AUTHENTICATION',
    });
    expect(failure.field).toBe('callBackType');
  });

  it('refuses a form that is neither Netverify nor Document Verification', () => {
    expect(parseFailure({ hello: 'world' }).field).toBe('callBackType');
  });
});

describe('parseCallbackForm: Document Verification', () => {
  it('parses an extracted document, including the nested extractedData string', () => {
    expect(parseCallbackForm(extractedDocumentCallback())).toEqual<JumioResult>({
      product: 'DOCUMENT',
      jumioReference: DV_REFERENCE,
      customerInternalReference: 'cir-poa-77',
      userReference: 'usr-91d3',
      jumioStatus: 'EXTRACTED',
      decision: 'APPROVED',
      reasons: [],
      extracted: DV_EXTRACTED,
      reportedAt: new Date('2024-05-02T09:05:00.123Z'),
    });
  });

  it('reads the callback shape: name and an address object', () => {
    const document = {
      status: 'EXTRACTED',
      country: 'USA',
      type: 'BS',
      extractedData: {
        name: 'JANE Q PUBLIC',
        issueDate: '2024-03-31',
        address: {
          line1: '1 Main St',
          city: 'Springfield',
          postalCode: '62701',
          subdivision: 'IL',
          countryCode: 'USA',
        },
      },
    };
    const result = parseCallbackForm({
      ...extractedDocumentCallback(),
      document: JSON.stringify(document),
    });
    expect(result.extracted).toEqual({
      fullName: 'JANE Q PUBLIC',
      documentType: 'BS',
      issuingCountry: 'USA',
      issueDate: '2024-03-31',
      address: {
        line1: '1 Main St',
        city: 'Springfield',
        postalCode: '62701',
        subdivision: 'IL',
        country: 'USA',
      },
    });
  });

  it('keeps first and last names apart for a social security card', () => {
    const document = {
      status: 'EXTRACTED',
      country: 'USA',
      type: 'SSC',
      extractedData: { firstName: 'JANE', lastName: 'PUBLIC', ssn: '078051120' },
    };
    const result = parseCallbackForm({
      ...extractedDocumentCallback(),
      document: JSON.stringify(document),
    });
    expect(result.extracted).toEqual({
      firstName: 'JANE',
      lastName: 'PUBLIC',
      fullName: 'JANE PUBLIC',
      documentType: 'SSC',
      issuingCountry: 'USA',
    });
  });

  it('asks for a retry when the acquisition was never finalised', () => {
    const form = {
      scanReference: DV_REFERENCE,
      timestamp: '2024-05-02T09:20:00.5Z',
      transaction: JSON.stringify({ ...DV_TRANSACTION, status: 'FAILED' }),
    };
    expect(parseCallbackForm(form)).toMatchObject({
      product: 'DOCUMENT',
      jumioStatus: 'FAILED',
      decision: 'RETRY',
      reasons: ['TRANSACTION_FAILED'],
      extracted: null,
    });
  });

  it('asks for a retry on a discarded document', () => {
    const form = {
      ...extractedDocumentCallback(),
      document: '{"status":"DISCARDED","type":"OTHER","country":"AUT"}',
    };
    expect(parseCallbackForm(form)).toMatchObject({ jumioStatus: 'DISCARDED', decision: 'RETRY' });
  });

  it.each([
    ['transaction', { transaction: '{"status":"DONE"' }, 'is not valid JSON'],
    ['document', { document: '{"status":' }, 'is not valid JSON'],
    ['transaction.status', { transaction: '{"date":"2024-05-02T09:00:00Z"}' }, 'is missing'],
    ['timestamp', { timestamp: 'yesterday' }, 'is not a Jumio timestamp'],
    ['document', { document: '["EXTRACTED"]' }, 'is not a JSON object'],
  ])('names %s when it is wrong', (field, change, problem) => {
    const failure = parseFailure({ ...extractedDocumentCallback(), ...change });
    expect(failure.field).toBe(field);
    expect(failure.message).toContain(problem);
  });

  it('names the nested extractedData string when it is malformed', () => {
    const document = {
      status: 'EXTRACTED',
      type: 'UB',
      extractedData: { extractedData: '{"line1":"Hauptstraße 1"' },
    };
    const failure = parseFailure({
      ...extractedDocumentCallback(),
      document: JSON.stringify(document),
    });
    expect(failure.field).toBe('document.extractedData.extractedData');
  });
});

describe('parseNetverifyRetrieval', () => {
  const status = {
    timestamp: '2024-05-02T10:20:00.1Z',
    scanReference: NV_REFERENCE,
    status: 'DONE',
  };
  const data = {
    timestamp: '2024-05-02T10:20:01.22Z',
    scanReference: NV_REFERENCE,
    document: {
      status: 'APPROVED_VERIFIED',
      type: 'ID_CARD',
      idSubtype: 'NATIONAL_ID',
      issuingCountry: 'AUT',
      firstName: 'MAXIMILIAN',
      lastName: 'MUSTERMANN',
      dob: '1985-02-03',
      expiry: '2030-01-01',
      issuingDate: '2020-01-02',
      number: 'A1234567',
      nationality: 'AUT',
      address: NV_ADDRESS,
    },
    transaction: {
      status: 'DONE',
      source: 'WEB-UPLOAD',
      date: '2024-05-02T10:11:12.345Z',
      customerId: 'usr-91d3',
      merchantScanReference: 'cir-0b7e4c2a',
    },
    verification: {
      mrzCheck: 'OK',
      identityVerification: { similarity: 'MATCH', validity: 'true' },
    },
  };

  it('agrees with the callback field by field', () => {
    const fromCallback = parseCallbackForm(approvedNetverifyCallback());
    const fromRetrieval = parseNetverifyRetrieval(status, data);
    expect(withoutFacts(fromRetrieval)).toEqual(withoutFacts(fromCallback));
    expect(fromRetrieval.reportedAt).toEqual(new Date('2024-05-02T10:20:01.220Z'));
  });

  it('agrees with the callback on fraud with reject reasons', () => {
    const rejectReason = {
      rejectReasonCode: 100,
      rejectReasonDescription: 'MANIPULATED_DOCUMENT',
      rejectReasonDetails: [{ detailsCode: 1002, detailsDescription: 'DOCUMENT_NUMBER' }],
    };
    const fromRetrieval = parseNetverifyRetrieval(status, {
      ...data,
      document: { ...data.document, status: 'DENIED_FRAUD' },
      verification: { rejectReason },
    });
    const fromCallback = parseCallbackForm({
      ...approvedNetverifyCallback(),
      verificationStatus: 'DENIED_FRAUD',
      idScanStatus: 'ERROR',
      identityVerification: '',
      rejectReason: JSON.stringify(rejectReason),
    });
    expect(fromRetrieval.reasons).toEqual(fromCallback.reasons);
    expect(fromRetrieval.decision).toBe('REJECTED');
  });

  it('reports a pending transaction without data', () => {
    expect(parseNetverifyRetrieval({ ...status, status: 'PENDING' })).toEqual<JumioResult>({
      product: 'NETVERIFY',
      jumioReference: NV_REFERENCE,
      customerInternalReference: undefined,
      userReference: undefined,
      jumioStatus: 'PENDING',
      decision: 'PENDING',
      reasons: [],
      extracted: null,
      reportedAt: new Date('2024-05-02T10:20:00.100Z'),
    });
  });

  it('reads a FAILED transaction as the NO_ID_UPLOADED the callback reports', () => {
    const fromRetrieval = parseNetverifyRetrieval(
      { ...status, status: 'FAILED' },
      { transaction: { status: 'FAILED' } },
    );
    const fromCallback = parseCallbackForm(minimalNoIdCallback());
    expect(withoutFacts(fromRetrieval)).toEqual(withoutFacts(fromCallback));
  });

  it('waits on an unknown transaction status, whatever the document says', () => {
    expect(parseNetverifyRetrieval({ ...status, status: 'ARCHIVED' }, data)).toMatchObject({
      jumioStatus: 'ARCHIVED',
      decision: 'PENDING',
      reasons: ['UNKNOWN_STATUS'],
    });
  });

  it('never approves a FAILED transaction', () => {
    expect(parseNetverifyRetrieval({ ...status, status: 'FAILED' }, data)).toMatchObject({
      decision: 'PENDING',
      reasons: ['INCONSISTENT_TRANSACTION_STATUS'],
    });
  });

  it('names missing data when the transaction is DONE', () => {
    expect(() => parseNetverifyRetrieval(status)).toThrow('field "data" is missing');
    expect(() => parseNetverifyRetrieval(status, { scanReference: NV_REFERENCE })).toThrow(
      'field "data.document" is missing',
    );
  });

  it('reports an unusable answer as JUMIO_BAD_RESPONSE naming the field', () => {
    expect(() =>
      parseNetverifyRetrieval(status, { ...data, document: { type: 'PASSPORT' } }),
    ).toThrow(
      new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        'Jumio Netverify retrieval answer is unusable: field "data.document.status" is missing',
      ),
    );
  });

  it('refuses data about another reference', () => {
    const call = () => parseNetverifyRetrieval(status, { ...data, scanReference: DV_REFERENCE });
    expect(call).toThrow(JumioError);
    expect(call).toThrow('"data.scanReference"');
  });
});

describe('parseDocumentRetrieval', () => {
  const status = { timestamp: '2024-05-02T09:30:00Z', scanReference: DV_REFERENCE, status: 'DONE' };

  it('agrees with the callback field by field', () => {
    const callback = extractedDocumentCallback();
    const fromRetrieval = parseDocumentRetrieval(status, {
      document: JSON.parse(callback.document) as Record<string, unknown>,
      transaction: DV_TRANSACTION,
    });
    expect({ ...fromRetrieval, reportedAt: null }).toEqual({
      ...parseCallbackForm(callback),
      reportedAt: null,
    });
    expect(fromRetrieval.reportedAt).toEqual(new Date('2024-05-02T09:30:00Z'));
  });

  it('asks for a retry on FAILED', () => {
    expect(parseDocumentRetrieval({ ...status, status: 'FAILED' }, {})).toMatchObject({
      jumioStatus: 'FAILED',
      decision: 'RETRY',
      reasons: ['TRANSACTION_FAILED'],
    });
  });

  it('reports malformed nested data as JUMIO_BAD_RESPONSE', () => {
    const call = () =>
      parseDocumentRetrieval(status, {
        document: { status: 'EXTRACTED', extractedData: { extractedData: '{' } },
      });
    expect(call).toThrow(JumioError);
    expect(call).toThrow('"data.document.extractedData.extractedData" is not valid JSON');
  });
});

/** The decision and data, without Jumio's raw words (the callback alone carries idScanStatus, a boolean validity). */
function withoutFacts(result: JumioResult): Omit<JumioResult, 'netverifyFacts'> {
  const rest: Partial<JumioResult> = { ...result };
  delete rest.netverifyFacts;
  return { ...(rest as JumioResult), reportedAt: null };
}
