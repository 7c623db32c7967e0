import type { ExtractedData } from '../options/extracted-data';
import {
  evaluateProofOfAddress,
  type ProofOfAddressContext,
  type ProofOfAddressDecision,
} from './proof-of-address.evaluator';
import { poiStandingOf, type PoiState } from './poi-standing';
import {
  DEFAULT_POA_RULES,
  resolvePoaRules,
  typesJumioMayNotExtract,
} from './proof-of-address.rules';
import type { ProofOfAddressRules } from '../options/proof-of-address-rules';

const now = new Date('2025-06-30T12:00:00Z');
const bill: ExtractedData = {
  documentType: 'UB',
  fullName: 'MRS ÉLODIE MARIE DUPONT',
  issueDate: '2025-05-15',
  address: { line1: '12 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FRA' },
};
const context: ProofOfAddressContext = {
  requestedDocumentType: 'UB',
  approvedPoiName: { firstName: 'Elodie', lastName: 'Dupont' },
  poiPending: false,
  now,
};
const rules = resolvePoaRules();

interface Row {
  case: string;
  extracted?: Partial<ExtractedData> | null;
  context?: Partial<ProofOfAddressContext>;
  rules?: Partial<ProofOfAddressRules>;
  expected: ProofOfAddressDecision;
}

const table: Row[] = [
  { case: 'a recent utility bill in her name', expected: { decision: 'APPROVED', reasons: [] } },
  {
    case: 'exactly 90 days old',
    extracted: { issueDate: '2025-04-01' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: '91 days old',
    extracted: { issueDate: '2025-03-31' },
    expected: { decision: 'RETRY', reasons: ['POA_DOCUMENT_TOO_OLD'] },
  },
  {
    case: 'a timestamp issue date',
    extracted: { issueDate: '2025-06-01T08:00:00.12Z' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'no issue date',
    extracted: { issueDate: undefined },
    expected: { decision: 'RETRY', reasons: ['POA_NO_ISSUE_DATE'] },
  },
  {
    case: 'an unreadable issue date',
    extracted: { issueDate: '15 May' },
    expected: { decision: 'RETRY', reasons: ['POA_ISSUE_DATE_UNREADABLE'] },
  },
  {
    case: 'dated next week',
    extracted: { issueDate: '2025-07-07' },
    expected: { decision: 'RETRY', reasons: ['POA_ISSUE_DATE_IN_FUTURE'] },
  },
  {
    case: 'dated tomorrow (time zones)',
    extracted: { issueDate: '2025-07-01' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'age not checked',
    extracted: { issueDate: '2019-01-01' },
    rules: { maxDocumentAgeDays: null },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'a credit card',
    extracted: { documentType: 'CC' },
    expected: { decision: 'RETRY', reasons: ['POA_DOCUMENT_TYPE_NOT_ACCEPTED'] },
  },
  {
    case: 'Jumio reports OTHER for a requested UB',
    extracted: { documentType: 'OTHER' },
    expected: { decision: 'RETRY', reasons: ['POA_DOCUMENT_TYPE_NOT_ACCEPTED'] },
  },
  {
    case: 'type only from the request',
    extracted: { documentType: undefined },
    context: { requestedDocumentType: 'bs' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'accepted types narrowed by compliance',
    rules: { acceptedDocumentTypes: ['bs'] },
    expected: { decision: 'RETRY', reasons: ['POA_DOCUMENT_TYPE_NOT_ACCEPTED'] },
  },
  {
    case: 'someone else’s bill',
    extracted: { fullName: 'Jean Dupont' },
    expected: { decision: 'RETRY', reasons: ['POA_NAME_MISMATCH'] },
  },
  {
    case: 'surname first, upper case',
    extracted: { fullName: 'DUPONT ELODIE' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'first and last name fields (SSC-like)',
    extracted: { fullName: undefined, firstName: 'Élodie', lastName: 'Dupont' },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'no name extracted',
    extracted: { fullName: undefined },
    expected: { decision: 'RETRY', reasons: ['POA_NO_NAME'] },
  },
  {
    case: 'name check off',
    extracted: { fullName: 'Jean Dupont' },
    rules: { requireNameMatch: false },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'no approved POI',
    context: { approvedPoiName: null },
    expected: { decision: 'RETRY', reasons: ['POA_NO_APPROVED_POI'] },
  },
  {
    case: 'POI still pending',
    context: { approvedPoiName: null, poiPending: true },
    expected: { decision: 'PENDING', reasons: ['POA_AWAITING_POI'] },
  },
  {
    case: 'POI pending but the bill is too old anyway',
    extracted: { issueDate: '2024-01-01' },
    context: { approvedPoiName: null, poiPending: true },
    expected: { decision: 'RETRY', reasons: ['POA_DOCUMENT_TOO_OLD'] },
  },
  {
    case: 'no address',
    extracted: { address: undefined },
    expected: { decision: 'RETRY', reasons: ['POA_NO_ADDRESS'] },
  },
  {
    case: 'a street without city or postcode',
    extracted: { address: { line1: '12 Rue de la Paix' } },
    expected: { decision: 'RETRY', reasons: ['POA_NO_ADDRESS'] },
  },
  {
    case: 'a formatted address only',
    extracted: { address: { formatted: '12 Rue de la Paix, 75002 Paris' } },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'address check off',
    extracted: { address: undefined },
    rules: { requireAddress: false },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'nothing extracted (UPLOADED)',
    extracted: null,
    expected: { decision: 'RETRY', reasons: ['POA_NO_EXTRACTED_DATA'] },
  },
  {
    case: 'only the type reported (UPLOADED, no extraction)',
    extracted: {
      documentType: 'UB',
      fullName: undefined,
      issueDate: undefined,
      address: undefined,
    },
    expected: { decision: 'RETRY', reasons: ['POA_NO_EXTRACTED_DATA'] },
  },
  {
    case: 'nothing extracted, but compliance checks only the type',
    extracted: null,
    rules: { maxDocumentAgeDays: null, requireNameMatch: false, requireAddress: false },
    expected: { decision: 'APPROVED', reasons: [] },
  },
  {
    case: 'every rule failing lists every reason',
    extracted: {
      documentType: 'CC',
      issueDate: '2020-01-01',
      fullName: 'Someone Else',
      address: undefined,
    },
    expected: {
      decision: 'RETRY',
      reasons: [
        'POA_DOCUMENT_TYPE_NOT_ACCEPTED',
        'POA_DOCUMENT_TOO_OLD',
        'POA_NO_ADDRESS',
        'POA_NAME_MISMATCH',
      ],
    },
  },
];

describe('evaluateProofOfAddress', () => {
  it.each(table)('$case', (row) => {
    const extracted = row.extracted === null ? null : { ...bill, ...row.extracted };
    const decision = evaluateProofOfAddress(
      extracted,
      { ...context, ...row.context },
      resolvePoaRules({ ...rules, ...row.rules }),
    );
    expect(decision).toEqual(row.expected);
  });
});

/** The name rule for every state of the user's POI (the POI step's open transaction, else its newest). */
describe('the name rule against each state of the proof of identity', () => {
  const open = 'u:POI';
  const awaiting: ProofOfAddressDecision = { decision: 'PENDING', reasons: ['POA_AWAITING_POI'] };
  const noApprovedPoi: ProofOfAddressDecision = {
    decision: 'RETRY',
    reasons: ['POA_NO_APPROVED_POI'],
  };
  const approved: ProofOfAddressDecision = { decision: 'APPROVED', reasons: [] };

  it.each<[string, PoiState | null, ProofOfAddressDecision]>([
    ['no POI started', null, noApprovedPoi],
    [
      'started, upload not finished',
      { status: 'PENDING', decision: null, openKey: open },
      noApprovedPoi,
    ],
    [
      'uploaded, Jumio’s result not applied yet',
      { status: 'SUCCESS', decision: 'PENDING', openKey: open },
      awaiting,
    ],
    ['approved', { status: 'SUCCESS', decision: 'APPROVED', openKey: null }, approved],
    ['rejected', { status: 'SUCCESS', decision: 'REJECTED', openKey: null }, noApprovedPoi],
    [
      'to be retried',
      { status: 'NOT_STARTED_YET', decision: 'RETRY', openKey: null },
      noApprovedPoi,
    ],
    [
      'closed without a result (client ERROR, expired)',
      { status: 'NOT_STARTED_YET', decision: null, openKey: null },
      noApprovedPoi,
    ],
    [
      'closed while marked uploaded (never happens; not awaited)',
      { status: 'SUCCESS', decision: 'PENDING', openKey: null },
      noApprovedPoi,
    ],
  ])('%s', (_case, poi, expected) => {
    const standing = poiStandingOf(poi);
    const decision = evaluateProofOfAddress(
      bill,
      {
        ...context,
        approvedPoiName: standing === 'APPROVED' ? context.approvedPoiName : null,
        poiPending: standing === 'AWAITING_RESULT',
      },
      rules,
    );
    expect(decision).toEqual(expected);
  });

  it('does not wait for the POI when the document fails another rule anyway', () => {
    const standing = poiStandingOf({ status: 'SUCCESS', decision: 'PENDING', openKey: open });
    expect(standing).toBe('AWAITING_RESULT');
    expect(
      evaluateProofOfAddress(
        { ...bill, issueDate: '2024-01-01' },
        { ...context, approvedPoiName: null, poiPending: true },
        rules,
      ),
    ).toEqual({ decision: 'RETRY', reasons: ['POA_DOCUMENT_TOO_OLD'] });
  });
});

describe('typesJumioMayNotExtract', () => {
  it('names accepted types outside Jumio’s extraction table; none by default', () => {
    expect(typesJumioMayNotExtract(resolvePoaRules())).toEqual([]);
    expect(
      typesJumioMayNotExtract(resolvePoaRules({ acceptedDocumentTypes: ['BS', 'pb', 'LAG'] })),
    ).toEqual(['PB', 'LAG']);
  });
});

describe('resolvePoaRules', () => {
  it('keeps the documented defaults', () => {
    expect(resolvePoaRules()).toEqual(DEFAULT_POA_RULES);
  });
  // Bad rules are refused at start-up: test/jumio/module-startup-options.e2e-spec.ts.
});
