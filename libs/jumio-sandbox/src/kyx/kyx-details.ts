import { SANDBOX_PERSONA, sandboxAddress, sandboxDocumentNumber } from '../scan/sandbox-persona';
import type { KyxCredentialCategory, KyxOutcome, KyxWorkflowExecution } from './kyx.types';

type DecisionType = 'PASSED' | 'REJECTED' | 'WARNING' | 'NOT_EXECUTED';

interface Decision {
  type: DecisionType;
  details: { label: string };
}

interface CapabilityEntry {
  id: string;
  credentials: { id: string; category: KyxCredentialCategory }[];
  decision: Decision;
  data?: Record<string, unknown>;
}

type Capabilities = Record<string, CapabilityEntry[]>;

/** Issue date this many days before the workflow, so "recent document" rules can be tested. */
const ISSUED_DAYS_BEFORE = 20;

/** Base path of an execution at the retrieval host. */
export function executionPath(execution: KyxWorkflowExecution): string {
  return `/api/v1/accounts/${execution.accountId}/workflow-executions/${execution.id}`;
}

/**
 * `GET …/accounts/{a}/workflow-executions/{w}` (jumio-kyx.md §2.7): the overall decision and one array of
 * capability results per capability, for every sandbox outcome. Before processing there is no decision
 * and no capability yet.
 */
export function kyxDetails(
  execution: KyxWorkflowExecution,
  publicUrl: string,
): Record<string, unknown> {
  const base = `${publicUrl}${executionPath(execution)}`;
  const processed = execution.status === 'PROCESSED';
  const expired = execution.status === 'SESSION_EXPIRED' || execution.status === 'TOKEN_EXPIRED';
  const body: Record<string, unknown> = {
    createdAt: execution.createdAt,
    ...(execution.startedAt && { startedAt: execution.startedAt }),
    ...(execution.completedAt && { completedAt: execution.completedAt }),
    account: {
      id: execution.accountId,
      href: `${publicUrl}/api/v1/accounts/${execution.accountId}`,
    },
    workflow: {
      id: execution.id,
      status: execution.status,
      definitionKey: String(execution.definitionKey),
      ...(execution.customerInternalReference !== undefined && {
        customerInternalReference: execution.customerInternalReference,
      }),
      ...(execution.userReference !== undefined && { userReference: execution.userReference }),
    },
    steps: { href: `${base}/steps` },
  };
  if (expired) {
    return {
      ...body,
      credentials: [],
      decision: { type: 'NOT_EXECUTED', details: { label: execution.status }, risk: { score: -1 } },
      capabilities: {},
    };
  }
  if (!processed || !execution.outcome) return { ...body, credentials: [], capabilities: {} };
  const result =
    execution.kind === 'ID'
      ? identityCapabilities(execution, execution.outcome)
      : documentCapabilities(execution, execution.outcome);
  return {
    ...body,
    credentials: result.categories.map((category) => credentialOf(execution, category, publicUrl)),
    decision: { ...result.decision, risk: { score: RISK_SCORE[result.decision.type] } },
    capabilities: result.capabilities,
  };
}

const RISK_SCORE: Record<DecisionType, number> = {
  PASSED: 12,
  WARNING: 50,
  REJECTED: 90,
  NOT_EXECUTED: -1,
};

interface CapabilityResult {
  categories: KyxCredentialCategory[];
  decision: Decision;
  capabilities: Capabilities;
}

function identityCapabilities(
  execution: KyxWorkflowExecution,
  outcome: KyxOutcome,
): CapabilityResult {
  const withSelfie = outcome !== 'PASSED_WITHOUT_SELFIE';
  const id = ref(execution, 'ID');
  const selfie = ref(execution, 'SELFIE');
  const entry = (
    capability: string,
    credentials: CapabilityEntry['credentials'],
    type: DecisionType,
    label: string,
    data?: Record<string, unknown>,
  ): CapabilityEntry => ({
    id: `${execution.id.slice(0, 8)}-${capability}-${credentials.map((c) => c.category).join('-')}`,
    credentials,
    decision: { type, details: { label } },
    ...(data && { data }),
  });
  const blurred = outcome === 'BLURRED';
  const skipped = (capability: string, credentials: CapabilityEntry['credentials']) =>
    entry(capability, credentials, 'NOT_EXECUTED', 'PRECONDITION_NOT_FULFILLED');
  const capabilities: Capabilities = {
    usability: [
      blurred
        ? entry('usability', [id], 'REJECTED', 'BLURRED')
        : entry('usability', [id], 'PASSED', 'OK'),
      ...(withSelfie ? [entry('usability', [selfie], 'PASSED', 'OK')] : []),
    ],
    imageChecks: [
      blurred
        ? skipped('imageChecks', [id])
        : outcome === 'MANIPULATED'
          ? entry('imageChecks', [id], 'REJECTED', 'MANIPULATED_DOCUMENT')
          : entry('imageChecks', [id], 'PASSED', 'OK'),
    ],
    extraction: [
      blurred
        ? skipped('extraction', [id])
        : entry('extraction', [id], 'PASSED', 'OK', idData(execution)),
    ],
    dataChecks: [blurred ? skipped('dataChecks', [id]) : entry('dataChecks', [id], 'PASSED', 'OK')],
  };
  if (withSelfie) {
    capabilities.liveness = [
      outcome === 'LIVENESS_FAILED'
        ? entry('liveness', [selfie], 'REJECTED', 'ID_USED_AS_SELFIE')
        : entry('liveness', [selfie], 'PASSED', 'OK', { type: 'JUMIO_STANDARD', predictedAge: 34 }),
    ];
    capabilities.similarity = [similarityEntry(outcome, blurred, entry, [id, selfie])];
  }
  return {
    categories: withSelfie ? ['ID', 'SELFIE'] : ['ID'],
    decision: overallIdentity(outcome),
    capabilities,
  };
}

function similarityEntry(
  outcome: KyxOutcome,
  blurred: boolean,
  entry: (
    c: string,
    cr: CapabilityEntry['credentials'],
    t: DecisionType,
    l: string,
    d?: Record<string, unknown>,
  ) => CapabilityEntry,
  credentials: CapabilityEntry['credentials'],
): CapabilityEntry {
  if (blurred)
    return entry('similarity', credentials, 'NOT_EXECUTED', 'PRECONDITION_NOT_FULFILLED');
  if (outcome === 'NO_MATCH')
    return entry('similarity', credentials, 'REJECTED', 'NO_MATCH', { similarity: 'NO_MATCH' });
  if (outcome === 'NOT_POSSIBLE') {
    return entry('similarity', credentials, 'WARNING', 'NOT_POSSIBLE', {
      similarity: 'NOT_POSSIBLE',
    });
  }
  return entry('similarity', credentials, 'PASSED', 'MATCH', { similarity: 'MATCH' });
}

function overallIdentity(outcome: KyxOutcome): Decision {
  switch (outcome) {
    case 'MANIPULATED':
      return { type: 'REJECTED', details: { label: 'MANIPULATED_DOCUMENT' } };
    case 'NO_MATCH':
      return { type: 'REJECTED', details: { label: 'NO_MATCH' } };
    case 'LIVENESS_FAILED':
      return { type: 'REJECTED', details: { label: 'ID_USED_AS_SELFIE' } };
    case 'BLURRED':
      return { type: 'REJECTED', details: { label: 'BAD_QUALITY' } };
    case 'NOT_POSSIBLE':
      return { type: 'WARNING', details: { label: 'NOT_POSSIBLE' } };
    default:
      return { type: 'PASSED', details: { label: 'OK' } };
  }
}

function documentCapabilities(
  execution: KyxWorkflowExecution,
  outcome: KyxOutcome,
): CapabilityResult {
  const document = ref(execution, 'DOCUMENT');
  const entry = (
    capability: string,
    type: DecisionType,
    label: string,
    data?: Record<string, unknown>,
  ) => ({
    id: `${execution.id.slice(0, 8)}-${capability}-DOCUMENT`,
    credentials: [document],
    decision: { type, details: { label } },
    ...(data && { data }),
  });
  if (outcome === 'BLURRED') {
    return {
      categories: ['DOCUMENT'],
      decision: { type: 'REJECTED', details: { label: 'BAD_QUALITY' } },
      capabilities: {
        usability: [entry('usability', 'REJECTED', 'BLURRED')],
        extraction: [entry('extraction', 'NOT_EXECUTED', 'PRECONDITION_NOT_FULFILLED')],
      },
    };
  }
  const extracted = outcome === 'EXTRACTED';
  return {
    categories: ['DOCUMENT'],
    decision: { type: 'PASSED', details: { label: 'OK' } },
    capabilities: {
      usability: [entry('usability', 'PASSED', 'OK')],
      extraction: [
        extracted
          ? entry('extraction', 'PASSED', 'OK', documentData(execution))
          : entry('extraction', 'NOT_EXECUTED', 'TECHNICAL_ERROR'),
      ],
    },
  };
}

/** ID extraction data (jumio-kyx.md §2.7 `extraction.data`). */
function idData(execution: KyxWorkflowExecution): Record<string, unknown> {
  const id = execution.credentials.find((credential) => credential.category === 'ID');
  const country = id?.country?.[0] ?? 'AUT';
  const address = sandboxAddress(country);
  return {
    type: id?.type?.[0] ?? 'ID_CARD',
    issuingCountry: country,
    firstName: SANDBOX_PERSONA.firstName,
    lastName: SANDBOX_PERSONA.lastName,
    dateOfBirth: SANDBOX_PERSONA.dateOfBirth,
    expiryDate: SANDBOX_PERSONA.idExpiry,
    documentNumber: sandboxDocumentNumber(execution.id),
    nationality: country,
    address: {
      line1: address.line1,
      city: address.city,
      postalCode: address.postalCode,
      country,
      formattedAddress: address.formattedAddress,
    },
  };
}

/**
 * DOCUMENT extraction data. [UNSURE] Jumio publishes no field names for DOCUMENT credentials (DOCC); the
 * sandbox uses the ID extraction names (firstName, lastName, issuingDate, address{…}).
 */
function documentData(execution: KyxWorkflowExecution): Record<string, unknown> {
  const [document] = execution.credentials;
  const country = document?.country?.[0] ?? 'AUT';
  const issued = new Date(Date.parse(execution.createdAt) - ISSUED_DAYS_BEFORE * 86_400_000);
  return {
    type: document?.type?.[0] ?? 'UB',
    issuingCountry: country,
    firstName: SANDBOX_PERSONA.firstName,
    lastName: SANDBOX_PERSONA.lastName,
    issuingDate: issued.toISOString().slice(0, 10),
    address: {
      line1: 'SANDBOX STREET 1',
      city: 'SANDBOX CITY',
      postalCode: '1010',
      country,
      formattedAddress: 'SANDBOX STREET 1, 1010 SANDBOX CITY',
    },
  };
}

function ref(execution: KyxWorkflowExecution, category: KyxCredentialCategory) {
  return { id: execution.credentialIds[category] ?? `${execution.id}-${category}`, category };
}

function credentialOf(
  execution: KyxWorkflowExecution,
  category: KyxCredentialCategory,
  publicUrl: string,
) {
  const id = ref(execution, category).id;
  const classifiers =
    category === 'SELFIE' ? ['FACE'] : category === 'ID' ? ['FRONT', 'BACK'] : ['FRONT'];
  return {
    id,
    category,
    parts: classifiers.map((classifier) => ({
      classifier,
      href: `${publicUrl}/api/v1/accounts/${execution.accountId}/credentials/${id}/parts/${classifier}`,
    })),
  };
}
