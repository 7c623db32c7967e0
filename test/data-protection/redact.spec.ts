import type { LoggerService } from '@nestjs/common';
import { isSensitiveKey, redact, REDACTED, redactText } from '@app/jumio/data-protection/redact';
import { RedactingLogger } from '@app/jumio/data-protection/redacting.logger';

const CANARIES = ['CANARYFIRST', 'CANARYLAST', 'CANARY123456', '1970-01-31', 'CANARY STREET'];
const TOKEN = 'vOhPY-YQzU6skMtLFVmK8RDHnHJND4FbUs1sXC-71Cg'; // 43 base64url characters

/** A Netverify callback form as Jumio posts it (jumio-api.md §5.4), nested JSON strings included. */
const netverifyForm = {
  callBackType: 'NETVERIFYID',
  jumioIdScanReference: '2f0e6e3c-0000-4000-8000-000000000001',
  verificationStatus: 'APPROVED_VERIFIED',
  idScanStatus: 'SUCCESS',
  idType: 'PASSPORT',
  idCountry: 'AUT',
  idCheckMRZcode: 'OK',
  idFirstName: 'CANARYFIRST',
  idLastName: 'CANARYLAST',
  idDob: '1970-01-31',
  idNumber: 'CANARY123456',
  idAddress: { line1: 'CANARY STREET', city: 'Vienna' },
  idScanImage: 'https://netverify.com/recognition/v1/idscan/ref/front',
  livenessImages: ['https://netverify.com/liveness/1'],
  facemap: 'https://netverify.com/facemap',
};

function expectNoCanary(value: unknown) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const canary of CANARIES) expect(text).not.toContain(canary);
}

describe('isSensitiveKey', () => {
  it.each([
    'idFirstName',
    'idLastName',
    'idDob',
    'idNumber',
    'idAddress',
    'idScanImage',
    'idScanImageFace',
    'livenessImages',
    'facemap',
    'firstName',
    'last_name',
    'dateOfBirth',
    'documentNumber',
    'address',
    'extracted_data',
    'payload',
    'Authorization',
    'apiSecret',
    'apiToken',
    'authorizationToken',
    'redirectUrl',
    'callbackUrl',
    'clientIp',
    'personalNumber',
    'optionalData1',
    'images',
    'originalDocument',
  ])('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each([
    'idType',
    'idSubtype',
    'idCountry',
    'idScanStatus',
    'idScanSource',
    'idCheckMRZcode',
    'verificationStatus',
    'jumioIdScanReference',
    'scanReference',
    'decision',
    'status',
    'country',
    'documentType',
    'reasons',
    'id',
  ])('%s is not', (key) => expect(isSensitiveKey(key)).toBe(false));
});

describe('redact', () => {
  it('keeps what diagnoses a callback and hides the person', () => {
    const safe = redact(netverifyForm) as Record<string, unknown>;
    expectNoCanary(safe);
    expect(safe).toMatchObject({
      callBackType: 'NETVERIFYID',
      jumioIdScanReference: netverifyForm.jumioIdScanReference,
      verificationStatus: 'APPROVED_VERIFIED',
      idType: 'PASSPORT',
      idCountry: 'AUT',
      idFirstName: REDACTED,
      idAddress: REDACTED,
      idScanImage: REDACTED,
      livenessImages: REDACTED,
    });
  });

  it('walks nested objects and arrays, cuts cycles and leaves the input alone', () => {
    const cyclic: Record<string, unknown> = {
      document: { extractedData: { firstName: 'CANARYFIRST' } },
    };
    cyclic.self = cyclic;
    const safe = redact([cyclic, { transaction: { status: 'DONE' } }]) as unknown[];
    expect(JSON.stringify(safe)).not.toContain('CANARY');
    expect(safe[1]).toEqual({ transaction: { status: 'DONE' } });
    expect(
      (cyclic.document as { extractedData: { firstName: string } }).extractedData.firstName,
    ).toBe('CANARYFIRST');
  });

  it('redacts the message and stack of errors, keeping name and code', () => {
    const error = Object.assign(
      new SyntaxError(`Unexpected token 'C', "CANARYFIRST" is not valid JSON`),
      {
        code: 'E_PARSE',
      },
    );
    const safe = redact(error) as Error & { code: string };
    expect(safe).toBeInstanceOf(Error);
    expect(safe.name).toBe('SyntaxError');
    expect(safe.code).toBe('E_PARSE');
    expectNoCanary([safe.message, safe.stack]);
  });
});

describe('redactText', () => {
  it.each([
    ['Basic auth', 'Authorization: Basic c2FuZGJveC10b2tlbjpzYW5kYm94LXNlY3JldA==', 'c2FuZGJveC'],
    ['Bearer tokens', 'Authorization: Bearer eyJhbGciOi.J9.abc', 'eyJhbGciOi'],
    ['URL user info', 'GET https://token:secret@netverify.com/api', 'token:secret'],
    [
      'authorization tokens in URLs',
      'https://x.netverify.com/web/v4/app?locale=en&authorizationToken=abc.def',
      'abc.def',
    ],
    ['form fields', 'idFirstName=CANARYFIRST&idType=PASSPORT', 'CANARYFIRST'],
    ['JSON fields', '{"idNumber":"CANARY123456","idType":"PASSPORT"}', 'CANARY123456'],
    ['JSON arrays', '{"livenessImages":["https://a/1","https://a/2"]}', 'https://a/1'],
    ['JSON.parse quotes', `Unexpected token 'C', "CANARYFIRST" is not valid JSON`, 'CANARYFIRST'],
    ['callback tokens', `POST /api/jumio/callback/${TOKEN}`, TOKEN],
    ['inline images', 'image data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', 'iVBORw0KGgo'],
  ])('hides %s', (_what, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
    expect(redactText(text)).toContain(REDACTED.slice(0, 9));
  });

  it('keeps harmless text as it is', () => {
    const text =
      'Callback APPLIED for 2f0e6e3c-0000-4000-8000-000000000001: idType=PASSPORT status=DONE';
    expect(redactText(text)).toBe(text);
  });
});

describe('RedactingLogger', () => {
  it('redacts messages and parameters before the inner logger sees them, context kept', () => {
    const lines: unknown[][] = [];
    const inner: LoggerService = {
      log: (...args: unknown[]) => lines.push(['log', ...args]),
      error: (...args: unknown[]) => lines.push(['error', ...args]),
      warn: (...args: unknown[]) => lines.push(['warn', ...args]),
      debug: (...args: unknown[]) => lines.push(['debug', ...args]),
    };
    const logger = new RedactingLogger(inner);
    logger.log('received idFirstName=CANARYFIRST', 'JumioCallback');
    logger.warn(netverifyForm, 'JumioCallback');
    logger.error(new Error('bad "idNumber":"CANARY123456"'), undefined, 'JumioCallback');
    logger.debug('dob idDob=1970-01-31');
    logger.verbose('dropped: the inner logger has no verbose');
    expect(lines).toHaveLength(4);
    expectNoCanary(
      lines.map((line) => line.map((part) => (part instanceof Error ? part.message : part))),
    );
    expect(lines[0]).toEqual(['log', `received idFirstName=${REDACTED}`, 'JumioCallback']);
  });
});
