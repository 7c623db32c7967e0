import { CallbackParseError } from '../jumio/callback-parse.error';
import { kyxCallbackReference, readCallbackClaim } from './callback-claim';

const EXECUTION = '6b3d1c2a-0f4e-4d6b-9a7c-2e5f8d1b3a90';
const ACCOUNT = '1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const SCAN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const kyxBody = (changes: Record<string, unknown> = {}) => ({
  callbackSentAt: '2026-12-06T10:00:00.000Z',
  workflowExecution: { id: EXECUTION, definitionKey: '10013', status: 'PROCESSED' },
  account: { id: ACCOUNT },
  ...changes,
});

function fieldNamed(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof CallbackParseError) return error.field;
    throw error;
  }
  throw new Error('the callback was read');
}

describe('readCallbackClaim: each platform reader recognises its own callbacks', () => {
  it('a KYX body claims its workflow execution for the transaction’s product', () => {
    expect(readCallbackClaim(kyxBody())('DOCUMENT')).toMatchObject({
      product: 'DOCUMENT',
      jumioReference: EXECUTION,
      jumioStatus: 'PROCESSED',
      decision: 'PENDING',
    });
  });

  it('a legacy Netverify form is read by the legacy reader', () => {
    const form = { callBackType: 'NETVERIFYID', jumioIdScanReference: SCAN };
    // The legacy reader names what the form lacks; it is still the legacy reader that answered.
    expect(fieldNamed(() => readCallbackClaim(form)('NETVERIFY'))).not.toMatch(/workflow|account/);
  });

  it.each([
    ['a string', 'not an object'],
    ['null', null],
    ['an array', [EXECUTION]],
  ])(
    'a KYX body whose workflowExecution is %s names workflowExecution, not a legacy field',
    (_, value) => {
      expect(fieldNamed(() => readCallbackClaim(kyxBody({ workflowExecution: value })))).toBe(
        'workflowExecution',
      );
    },
  );

  it('a KYX body without its account names account', () => {
    expect(fieldNamed(() => readCallbackClaim(kyxBody({ account: undefined })))).toBe('account');
  });

  it('the inbox reads the reference of a KYX body only', () => {
    expect(kyxCallbackReference(kyxBody())).toBe(EXECUTION);
    expect(kyxCallbackReference(kyxBody({ workflowExecution: 'x' }))).toBeUndefined();
    expect(kyxCallbackReference({ scanReference: SCAN })).toBeUndefined();
  });
});
