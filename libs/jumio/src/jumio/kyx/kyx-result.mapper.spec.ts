import { kyxDetails } from '@app/jumio-sandbox/kyx/kyx-details';
import type { KyxOutcome, KyxWorkflowExecution } from '@app/jumio-sandbox/kyx/kyx.types';
import type { KyxCapabilityResult, KyxWorkflowDetails } from './kyx-api.types';
import { KyxResultShapeError, mapKyxDetails, type KyxMappingContext } from './kyx-result.mapper';

const POI: KyxMappingContext = { product: 'NETVERIFY', requireSelfie: true };
const POA: KyxMappingContext = { product: 'DOCUMENT', requireSelfie: false };
const EXECUTION_ID = '6f1c3a2e-8d4b-4c1a-9e2f-0a1b2c3d4e5f';

/** The sandbox's details for an outcome: the same bodies the e2e tests see over HTTP. */
function sandboxDetails(
  outcome: KyxOutcome,
  kind: 'ID' | 'DOCUMENT' = 'ID',
  status: KyxWorkflowExecution['status'] = 'PROCESSED',
): KyxWorkflowDetails {
  const execution: KyxWorkflowExecution = {
    id: EXECUTION_ID,
    accountId: '0a1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d',
    definitionKey: kind === 'ID' ? 10011 : 10026,
    kind,
    customerInternalReference: 'cir-1',
    userReference: 'user-1',
    credentials: kind === 'ID' ? [] : [{ category: 'DOCUMENT', country: ['GBR'], type: ['UB'] }],
    webToken: 'w',
    sdkToken: 's',
    tokenExpiresAt: 0,
    createdAt: '2026-12-01T10:00:00.000Z',
    completedAt: '2026-12-01T10:05:00.000Z',
    status,
    outcome,
    credentialIds:
      kind === 'ID' ? { ID: 'id-cred', SELFIE: 'selfie-cred' } : { DOCUMENT: 'doc-cred' },
  };
  return kyxDetails(execution, 'https://sandbox.invalid');
}

const passed = (category: string, data?: Record<string, unknown>): KyxCapabilityResult => ({
  credentials: [{ category }],
  decision: { type: 'PASSED', details: { label: 'OK' } },
  ...(data && { data }),
});

/** A hand-made PROCESSED POI with every capability PASSED; tests change one part at a time. */
function processed(overrides: Partial<KyxWorkflowDetails> = {}): KyxWorkflowDetails {
  return {
    completedAt: '2026-12-01T10:05:00.000Z',
    workflow: {
      id: EXECUTION_ID,
      status: 'PROCESSED',
      definitionKey: '10011',
      customerInternalReference: 'cir-1',
    },
    decision: { type: 'PASSED', details: { label: 'OK' } },
    capabilities: {
      usability: [passed('ID'), passed('SELFIE')],
      imageChecks: [passed('ID')],
      extraction: [passed('ID', { firstName: 'JANE', lastName: 'SANDBOX' })],
      dataChecks: [passed('ID')],
      liveness: [passed('SELFIE')],
      similarity: [{ ...passed('ID'), decision: { type: 'PASSED', details: { label: 'MATCH' } } }],
    },
    ...overrides,
  };
}

const withCapability = (name: string, type: string, label: string) => {
  const details = processed();
  details.capabilities = {
    ...details.capabilities,
    [name]: [{ credentials: [{ category: 'SELFIE' }], decision: { type, details: { label } } }],
  };
  return details;
};

describe('mapKyxDetails', () => {
  describe('every sandbox outcome', () => {
    it.each([
      ['PASSED', 'APPROVED', []],
      ['PASSED_WITHOUT_SELFIE', 'REVIEW', ['SIMILARITY_MISSING', 'LIVENESS_MISSING']],
      ['MANIPULATED', 'REJECTED', ['IMAGE_CHECKS_MANIPULATED_DOCUMENT']],
      ['NO_MATCH', 'REJECTED', ['SIMILARITY_NO_MATCH']],
      ['LIVENESS_FAILED', 'REJECTED', ['LIVENESS_ID_USED_AS_SELFIE']],
      ['BLURRED', 'RETRY', ['USABILITY_BLURRED']],
      ['NOT_POSSIBLE', 'RETRY', ['SIMILARITY_NOT_POSSIBLE']],
    ])('ID + selfie %s → %s', (outcome, decision, reasons) => {
      const result = mapKyxDetails(sandboxDetails(outcome as KyxOutcome), POI);
      expect(result.decision).toBe(decision);
      expect(result.reasons).toEqual(expect.arrayContaining(reasons));
      if (decision === 'APPROVED') expect(result.reasons).toEqual([]);
    });

    it('PASSED maps references, status, time and the ID extraction', () => {
      const result = mapKyxDetails(sandboxDetails('PASSED'), POI);
      expect(result).toMatchObject({
        product: 'NETVERIFY',
        jumioReference: EXECUTION_ID,
        customerInternalReference: 'cir-1',
        userReference: 'user-1',
        jumioStatus: 'PROCESSED_PASSED',
        reportedAt: new Date('2026-12-01T10:05:00.000Z'),
        extracted: {
          firstName: 'JANE',
          lastName: 'SANDBOX',
          dateOfBirth: '1990-04-12',
          documentType: 'ID_CARD',
          address: { city: 'SANDBOX CITY', country: 'AUT' },
        },
      });
    });

    it.each(['SESSION_EXPIRED', 'TOKEN_EXPIRED'] as const)(
      '%s closes the attempt as RETRY without data',
      (status) => {
        const result = mapKyxDetails(sandboxDetails('SESSION_EXPIRED', 'ID', status), POI);
        expect(result).toMatchObject({
          decision: 'RETRY',
          reasons: [status],
          jumioStatus: status,
          extracted: null,
        });
      },
    );

    it.each(['INITIATED', 'ACQUIRED'] as const)('%s is still PENDING', (status) => {
      expect(mapKyxDetails(sandboxDetails('PASSED', 'ID', status), POI).decision).toBe('PENDING');
    });

    it('DocV EXTRACTED: APPROVED for the POA rules, with the DOCUMENT extraction', () => {
      const result = mapKyxDetails(sandboxDetails('EXTRACTED', 'DOCUMENT'), POA);
      expect(result.decision).toBe('APPROVED');
      expect(result.product).toBe('DOCUMENT');
      expect(result.extracted).toEqual({
        firstName: 'JANE',
        lastName: 'SANDBOX',
        fullName: 'JANE SANDBOX',
        documentType: 'UB',
        issuingCountry: 'GBR',
        issueDate: '2026-11-11',
        address: {
          line1: 'SANDBOX STREET 1',
          city: 'SANDBOX CITY',
          postalCode: '1010',
          country: 'GBR',
          formatted: 'SANDBOX STREET 1, 1010 SANDBOX CITY',
        },
      });
    });

    it('DocV NOT_EXTRACTED: nothing extracted (the POA rules then ask for another document)', () => {
      const result = mapKyxDetails(sandboxDetails('NOT_EXTRACTED', 'DOCUMENT'), POA);
      expect(result.extracted).toBeNull();
      expect(result.decision).toBe('REVIEW');
      expect(result.reasons).toEqual(['EXTRACTION_TECHNICAL_ERROR']);
    });

    it('DocV BLURRED: RETRY', () => {
      expect(mapKyxDetails(sandboxDetails('BLURRED', 'DOCUMENT'), POA)).toMatchObject({
        decision: 'RETRY',
        reasons: expect.arrayContaining(['USABILITY_BLURRED']),
      });
    });
  });

  describe('fail closed', () => {
    it('approves a complete PASSED result', () => {
      expect(mapKyxDetails(processed(), POI).decision).toBe('APPROVED');
    });

    it('never approves when the overall decision is missing, unknown or not PASSED', () => {
      expect(mapKyxDetails(processed({ decision: undefined }), POI)).toMatchObject({
        decision: 'REVIEW',
        reasons: ['DECISION_MISSING'],
      });
      expect(mapKyxDetails(processed({ decision: { type: 'MAYBE' } }), POI).decision).toBe(
        'REVIEW',
      );
      expect(
        mapKyxDetails(
          processed({ decision: { type: 'WARNING', details: { label: 'ALERT' } } }),
          POI,
        ),
      ).toMatchObject({
        decision: 'REVIEW',
        reasons: ['DECISION_WARNING_ALERT'],
      });
      expect(mapKyxDetails(processed({ decision: { type: 'REJECTED' } }), POI).decision).toBe(
        'REJECTED',
      );
      expect(mapKyxDetails(processed({ decision: { type: 'NOT_EXECUTED' } }), POI).decision).toBe(
        'RETRY',
      );
    });

    it('never approves without capabilities or with an unknown capability decision', () => {
      expect(mapKyxDetails(processed({ capabilities: undefined }), POI).decision).toBe('REVIEW');
      expect(mapKyxDetails(withCapability('liveness', 'GREAT', 'OK'), POI)).toMatchObject({
        decision: 'REVIEW',
        reasons: ['LIVENESS_UNKNOWN_DECISION'],
      });
      const noSimilarity = processed();
      noSimilarity.capabilities = { ...noSimilarity.capabilities, similarity: [] };
      expect(mapKyxDetails(noSimilarity, POI).reasons).toEqual(['SIMILARITY_MISSING']);
    });

    it('a workflow without selfie (requireSelfie false) approves on the ID checks', () => {
      const details = processed();
      details.capabilities = {
        ...details.capabilities,
        similarity: undefined,
        liveness: undefined,
      };
      expect(mapKyxDetails(details, { product: 'NETVERIFY', requireSelfie: false }).decision).toBe(
        'APPROVED',
      );
    });

    it.each([
      ['liveness', 'REJECTED', 'ID_USED_AS_SELFIE', 'REJECTED', ''],
      ['liveness', 'REJECTED', 'MULTIPLE_PEOPLE', 'REJECTED', ''],
      ['liveness', 'REJECTED', 'NO_FACE_PRESENT', 'RETRY', ''],
      ['liveness', 'REJECTED', 'LIVENESS_UNDETERMINED', 'RETRY', ''],
      ['liveness', 'REJECTED', 'SOMETHING_NEW', 'REVIEW', 'WARNING'],
      ['liveness', 'WARNING', 'AGE_DIFFERENCE', 'REVIEW', ''],
      ['liveness', 'WARNING', 'BAD_QUALITY', 'RETRY', ''],
      ['similarity', 'REJECTED', 'NO_MATCH', 'REJECTED', ''],
      ['similarity', 'WARNING', 'NOT_POSSIBLE', 'RETRY', ''],
      ['imageChecks', 'REJECTED', 'DIGITAL_COPY', 'REJECTED', ''],
      ['imageChecks', 'WARNING', 'REPEATED_FACE', 'REVIEW', ''],
      ['dataChecks', 'REJECTED', 'MRZ_CHECKSUM', 'REJECTED', ''],
      ['usability', 'WARNING', 'UNSUPPORTED_DOCUMENT_TYPE', 'RETRY', ''],
      ['usability', 'NOT_EXECUTED', 'NOT_UPLOADED', 'RETRY', ''],
      ['extraction', 'NOT_EXECUTED', 'TECHNICAL_ERROR', 'REVIEW', ''],
      ['watchlistScreening', 'WARNING', 'ALERT', 'REVIEW', ''],
      ['proofOfResidency', 'REJECTED', 'DENY', 'REVIEW', 'WARNING'],
      ['proofOfResidency', 'REJECTED', 'DENY', 'REJECTED', 'REJECTED'],
    ])('%s %s %s → %s', (capability, type, label, decision, given) => {
      const overall =
        given || (type === 'REJECTED' ? 'REJECTED' : type === 'WARNING' ? 'WARNING' : 'PASSED');
      const details = withCapability(capability, type, label);
      details.decision = { type: overall, details: { label } };
      expect(mapKyxDetails(details, POI).decision).toBe(decision);
    });

    it('fraud wins over a retryable problem, and every reason is kept', () => {
      const details = withCapability('usability', 'REJECTED', 'GLARE');
      details.capabilities = {
        ...details.capabilities,
        imageChecks: [
          {
            credentials: [{ category: 'ID' }],
            decision: { type: 'REJECTED', details: { label: 'FAKE' } },
          },
        ],
      };
      expect(mapKyxDetails(details, POI)).toMatchObject({
        decision: 'REJECTED',
        reasons: ['USABILITY_GLARE', 'IMAGE_CHECKS_FAKE'],
      });
    });

    it("Jumio's overall REJECTED stands when the capabilities only ask for review", () => {
      const details = withCapability('imageChecks', 'WARNING', 'REPEATED_FACE');
      details.decision = { type: 'REJECTED', details: { label: 'RULESET' } };
      expect(mapKyxDetails(details, POI)).toMatchObject({
        decision: 'REJECTED',
        reasons: ['IMAGE_CHECKS_REPEATED_FACE', 'DECISION_REJECTED_RULESET'],
      });
    });

    it('refuses details without a workflow execution id', () => {
      expect(() => mapKyxDetails(processed({ workflow: { status: 'PROCESSED' } }), POI)).toThrow(
        KyxResultShapeError,
      );
    });

    it('an unknown workflow status is never approved', () => {
      expect(
        mapKyxDetails(processed({ workflow: { id: EXECUTION_ID, status: 'ARCHIVED' } }), POI),
      ).toMatchObject({
        decision: 'REVIEW',
        reasons: ['UNKNOWN_STATUS'],
      });
    });
  });
});
