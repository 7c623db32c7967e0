// Demo onboarding page: drives the Jumio service's private routes the way a bank's web front end would.
// Plain ES module, no framework, no build step. Everything from the server is rendered as text.

const USER_KEY = 'jumio-demo.user';
const RESUME_KEY = 'jumio-demo.resume';
const POLL_EVERY_MS = 1500;
const POLL_GIVE_UP_MS = 120_000;

const STEPS = {
  poi: { label: 'identity', startLabel: 'Verify my identity', retryLabel: 'Try again' },
  poa: { label: 'address', startLabel: 'Verify my address', retryLabel: 'Try again' },
};

// Jumio's documented redirect error codes (jumio-api.md §2 for ID Verification web v4, §4.1 for DV).
const ERROR_CODES = {
  9100: 'server error',
  9200: 'the link was missing, invalid or expired',
  9210: 'the session expired during the journey',
  9300: 'an image could not be transmitted',
  9400: 'a verification step failed',
  9800: 'no network',
  9801: 'unexpected error in the browser',
  9810: 'problem communicating with the server',
  9820: 'upload disabled and no camera available',
  9821: 'the liveness capture failed',
  9822: 'this browser has no camera support',
  9835: 'no acceptable submission in 3 attempts',
  211: 'the link was invalid',
  310: 'the upload session expired',
  311: 'the upload was already completed',
  320: 'the session was opened more than once',
  338: 'third-party cookies are disabled',
};

// Plain words for the reasons the backend gives most often; any other code is shown as it is.
const REASON_TEXT = {
  ERROR_NOT_READABLE_ID: 'the ID could not be read',
  NO_ID_UPLOADED: 'no ID was uploaded',
  DENIED_FRAUD: 'the document failed Jumio’s authenticity checks',
  MAX_ATTEMPTS_REACHED: 'no attempts left',
  TRANSACTION_FAILED: 'the upload was not finished',
  POA_NO_EXTRACTED_DATA: 'Jumio could not read the document',
  POA_DOCUMENT_TYPE_NOT_ACCEPTED: 'this kind of document is not accepted',
  POA_NO_ISSUE_DATE: 'no issue date found',
  POA_ISSUE_DATE_UNREADABLE: 'the issue date could not be read',
  POA_ISSUE_DATE_IN_FUTURE: 'the issue date is in the future',
  POA_DOCUMENT_TOO_OLD: 'the document is too old',
  POA_NO_NAME: 'no name found on the document',
  POA_NAME_MISMATCH: 'the name does not match your proof of identity',
  POA_NO_ADDRESS: 'no address found on the document',
  POA_NO_APPROVED_POI: 'prove your identity first (step 1)',
  POA_AWAITING_POI: 'waiting for your proof of identity',
  IDENTITY_VERIFICATION_MISSING: 'the selfie check is missing',
  SIMILARITY_NOT_POSSIBLE: 'the face on the ID and the selfie could not be compared',
  SIMILARITY_NO_MATCH: 'the selfie does not match the ID',
  DENIED_UNSUPPORTED_ID_TYPE: 'this kind of ID is not accepted: please use another one',
  DENIED_UNSUPPORTED_ID_COUNTRY: 'IDs from this country are not accepted: please use another one',
  ID_EXPIRED: 'the ID has expired: please use a valid one',
  MANUAL_REVIEW: 'decided by our team',
};

const $ = (selector) => document.querySelector(selector);

let pollTimer;
let waitingSince;

// --- user -----------------------------------------------------------------------------------------

function currentUser() {
  let user = localStorage.getItem(USER_KEY);
  if (!user) {
    user = newUserId();
    localStorage.setItem(USER_KEY, user);
  }
  return user;
}

function newUserId() {
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `user-${Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function useUser(user) {
  localStorage.setItem(USER_KEY, user);
  $('#user-id').value = user;
  showNotice('');
  showError('');
  renderMobileCommand(user);
  void refresh();
}

// --- HTTP -----------------------------------------------------------------------------------------

class ApiError extends Error {}

async function api(step, action, body) {
  const response = await fetch(`/api/private/jumio/${step}/!${action}`, {
    method: body === undefined ? 'GET' : 'POST',
    // Never a cached answer: Back/Forward navigations otherwise reuse an old status.
    cache: 'no-store',
    headers: {
      'X-User-Id': currentUser(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(describeFailure(response.status, payload));
  return payload;
}

function describeFailure(status, payload) {
  const message = Array.isArray(payload.message) ? payload.message.join('; ') : payload.message;
  return `${message || 'The request failed'} (HTTP ${status})`;
}

// --- coming back from Jumio -----------------------------------------------------------------------

/**
 * Reads what Jumio appended to successUrl / errorUrl. Display only: the browser can be told anything;
 * the decision comes from Jumio's callback to the backend. The two products name the parameter
 * differently (ID Verification v4: `transactionStatus`, Document Verification: `idScanStatus`; both add
 * `errorCode` on ERROR), which is also how the page knows which step came back: Document Verification
 * allows no query parameters of our own in its URLs, so there is no room for a marker.
 */
function readReturn(search) {
  const query = new URLSearchParams(search);
  // KYX (JUMIO_PLATFORM=kyx): acquisitionStatus and the workflow execution; the step is found by it.
  if (query.has('acquisitionStatus') && query.has('workflowExecutionId')) {
    const status = query.get('acquisitionStatus');
    if (status !== 'SUCCESS' && status !== 'ERROR') return undefined;
    const errorCode = status === 'ERROR' ? (query.get('errorCode') ?? undefined) : undefined;
    return {
      step: undefined,
      workflowExecutionId: query.get('workflowExecutionId'),
      status,
      errorCode,
    };
  }
  const step = query.has('transactionStatus')
    ? 'poi'
    : query.has('idScanStatus')
      ? 'poa'
      : undefined;
  if (!step) return undefined;
  const status = query.get(step === 'poi' ? 'transactionStatus' : 'idScanStatus');
  if (status !== 'SUCCESS' && status !== 'ERROR') return undefined;
  const errorCode = status === 'ERROR' ? (query.get('errorCode') ?? undefined) : undefined;
  return { step, status, errorCode };
}

/** KYX names no step in its redirect: the step whose scan is that workflow execution came back. */
async function stepOfExecution(workflowExecutionId) {
  for (const step of ['poi', 'poa']) {
    const status = await api(step, 'getScanTransactionStatus');
    if (status.scanReference === workflowExecutionId) return step;
  }
  return undefined;
}

async function reportReturn(back) {
  if (!back.step) back.step = await stepOfExecution(back.workflowExecutionId);
  if (!back.step) return;
  sessionStorage.removeItem(resumeKey(back.step));
  const label = STEPS[back.step].label;
  if (back.status === 'SUCCESS') {
    showNotice(
      `Back from Jumio: your ${label} documents were handed over. Jumio checks them next.`,
    );
  } else {
    const code = back.errorCode
      ? ` (code ${back.errorCode}${ERROR_CODES[back.errorCode] ? `: ${ERROR_CODES[back.errorCode]}` : ''})`
      : '';
    showNotice(`Back from Jumio: the ${label} capture did not finish${code}. You can try again.`);
  }
  const body = back.errorCode
    ? { status: back.status, errorCode: back.errorCode }
    : { status: back.status };
  await api(back.step, 'setScanTransactionStatus', body);
}

// --- starting the web flow ------------------------------------------------------------------------

function returnUrls() {
  const page = `${location.origin}${location.pathname}`;
  return { successUrl: page, errorUrl: page };
}

async function start(step, form) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  button.textContent = 'Starting…';
  showError('');
  try {
    const { redirectUrl } =
      step === 'poi'
        ? await api('poi', 'initiate', returnUrls())
        : await api('poa', 'acquisitions', {
            ...returnUrls(),
            documentType: form.documentType.value,
            country: form.country.value.trim().toUpperCase(),
          });
    sessionStorage.setItem(resumeKey(step), redirectUrl);
    location.assign(redirectUrl);
  } catch (error) {
    showError(error.message);
    void refresh();
  }
}

function resumeKey(step) {
  return `${RESUME_KEY}.${currentUser()}.${step}`;
}

// --- status ---------------------------------------------------------------------------------------

async function refresh() {
  clearTimeout(pollTimer);
  const user = currentUser();
  try {
    const [poi, poa] = await Promise.all([
      api('poi', 'getScanTransactionStatus'),
      api('poa', 'getScanTransactionStatus'),
    ]);
    if (user !== currentUser()) return;
    renderStep('poi', poi);
    renderStep('poa', poa);
    schedulePoll([poi, poa].some(isWaiting));
  } catch (error) {
    showError(error.message);
  }
}

function isWaiting(status) {
  return (
    status.status === 'SUCCESS' &&
    (!status.verification ||
      status.verification.decision === 'PENDING' ||
      status.verification.decision === 'REVIEW')
  );
}

function schedulePoll(waiting) {
  if (!waiting) {
    waitingSince = undefined;
    return;
  }
  waitingSince ??= Date.now();
  if (Date.now() - waitingSince > POLL_GIVE_UP_MS) {
    showNotice(
      'Still waiting for Jumio. Results can take a while; reload this page to check again.',
    );
    return;
  }
  pollTimer = setTimeout(refresh, POLL_EVERY_MS);
}

/** One word for the step's state, used for styling and by the tests. */
function stateOf(status) {
  const decision = status.verification?.decision;
  if (decision === 'REVIEW') return 'review';
  if (isWaiting(status)) return 'waiting';
  if (decision === 'APPROVED') return 'approved';
  if (decision === 'REJECTED') return 'rejected';
  if (decision === 'RETRY' && status.status === 'NOT_STARTED_YET') return 'retry';
  if (status.status === 'PENDING') return 'in-progress';
  return 'not-started';
}

const HEADLINES = {
  'not-started': (label, status) =>
    status.attempts > 0
      ? 'The last capture did not finish. You can start again.'
      : 'Not started yet.',
  'in-progress': () => 'Started, but the capture was not finished. Continue, or start again.',
  waiting: () => 'Documents received. Waiting for Jumio’s decision…',
  // A person at the bank decides (manual review queue).
  review: () =>
    'We are checking your documents. This can take a little longer; nothing to do for now.',
  approved: (label) => `Verified: Jumio approved your ${label} documents.`,
  rejected: (label) => `Not verified: Jumio rejected your ${label} documents.`,
  retry: () => 'Jumio could not verify the last attempt. Please try again.',
};

function renderStep(step, status) {
  const state = stateOf(status);
  const box = $(`#${step}-status`);
  box.dataset.state = state;
  const extracted = extractedBlock(status.verification?.extracted);
  box.replaceChildren(
    element('p', { className: 'headline', 'data-testid': `${step}-headline` }, [
      state === 'waiting' || state === 'review'
        ? element('span', { className: 'spinner', 'aria-hidden': 'true' })
        : null,
      HEADLINES[state](STEPS[step].label, status),
    ]),
    details(step, status),
    ...(extracted ? [extracted] : []),
  );
  renderActions(step, status, state);
}

/** Plain-word labels of the extracted fields the backend may show (`userVisibleExtractedFields`). */
const EXTRACTED_LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  dateOfBirth: 'Date of birth',
  documentType: 'Document type',
  documentSubtype: 'Document subtype',
  documentNumber: 'Document number',
  issuingCountry: 'Issuing country',
  nationality: 'Nationality',
  issueDate: 'Issue date',
  expiryDate: 'Expiry date',
  address: 'Address',
};

/** "What Jumio read": only the fields the backend chose to send; nothing when it sent none. */
function extractedBlock(extracted) {
  if (!extracted) return null;
  const rows = Object.entries(EXTRACTED_LABELS)
    .map(([field, label]) => [
      label,
      field === 'address' ? addressLine(extracted.address) : extracted[field],
    ])
    .filter(([, value]) => typeof value === 'string' && value !== '');
  if (rows.length === 0) return null;
  return element('div', { className: 'extracted', 'data-testid': 'extracted' }, [
    element('p', { className: 'extracted-title' }, ['What Jumio read']),
    element(
      'dl',
      { className: 'details' },
      rows.flatMap(([label, value]) => [element('dt', {}, [label]), element('dd', {}, [value])]),
    ),
  ]);
}

function addressLine(address) {
  if (!address) return undefined;
  if (address.formatted) return address.formatted;
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [
    address.line1,
    address.line2,
    address.line3,
    cityLine,
    address.subdivision,
    address.country,
  ]
    .filter(Boolean)
    .join(', ');
}

function details(step, status) {
  const verification = status.verification;
  const rows = [
    ['Step status', status.status],
    ['Decision', verification?.decision, `${step}-decision`],
    ['Jumio status', verification?.jumioStatus],
    [
      'Reasons',
      verification?.reasons?.length
        ? verification.reasons.map(describeReason).join('; ')
        : undefined,
      `${step}-reasons`,
    ],
    ['Channel', status.channel],
    ['Attempts', String(status.attempts ?? 0)],
    ['Jumio reference', status.scanReference],
    ['Decided at', formatTime(verification?.completedAt)],
    ['Updated at', formatTime(status.updatedAt)],
  ];
  return element(
    'dl',
    { className: 'details' },
    rows
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .flatMap(([term, value, testId]) => [
        element('dt', {}, [term]),
        element('dd', testId ? { 'data-testid': testId } : {}, [value]),
      ]),
  );
}

function renderActions(step, status, state) {
  const form = $(`#${step}-form`);
  const canStart = status.status === 'NOT_STARTED_YET' || status.status === 'PENDING';
  form.hidden = !canStart;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = false;
  button.textContent =
    state === 'retry' || state === 'in-progress' ? STEPS[step].retryLabel : STEPS[step].startLabel;
  form.querySelector('.resume')?.remove();
  const resumeUrl = sessionStorage.getItem(resumeKey(step));
  if (state === 'in-progress' && resumeUrl) {
    form.append(
      element(
        'a',
        { className: 'resume button secondary', href: resumeUrl, 'data-testid': `${step}-resume` },
        ['Continue where I left off'],
      ),
    );
  }
}

// --- small DOM helpers ----------------------------------------------------------------------------

function element(tag, attributes, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') node.className = value;
    else if (name === 'href') node.href = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function describeReason(code) {
  return REASON_TEXT[code] ? `${REASON_TEXT[code]} (${code})` : code;
}

function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : undefined;
}

function showNotice(text) {
  $('#notice').textContent = text;
  $('#notice').hidden = !text;
}

function showError(text) {
  $('#error').textContent = text;
  $('#error').hidden = !text;
}

function renderMobileCommand(user) {
  const origin = location.origin;
  const isDefault = origin === 'http://127.0.0.1:3000' || origin === 'http://localhost:3000';
  const url = isDefault ? '' : ` --url ${origin}`;
  $('#mobile-command').textContent = [
    `npm run mobile-demo -- --user ${user} --type poi --outcome APPROVED_VERIFIED${url}`,
    `npm run mobile-demo -- --user ${user} --type poa --outcome EXTRACTED --document-type UB --country GBR${url}`,
  ].join('\n');
}

// --- wiring ---------------------------------------------------------------------------------------

async function main() {
  const user = currentUser();
  $('#user-id').value = user;
  renderMobileCommand(user);

  $('#user-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (event.target.checkValidity()) useUser($('#user-id').value.trim());
  });
  $('#user-new').addEventListener('click', () => useUser(newUserId()));
  for (const step of Object.keys(STEPS)) {
    $(`#${step}-form`).addEventListener('submit', (event) => {
      event.preventDefault();
      if (event.target.checkValidity()) void start(step, event.target);
    });
  }

  // Back from the capture page with the browser's Back button: the page may come from the
  // back/forward cache with its old state, so ask the server again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) void refresh();
  });

  const back = readReturn(location.search);
  if (location.search) history.replaceState(null, '', location.pathname);
  if (back) {
    try {
      await reportReturn(back);
    } catch (error) {
      showError(error.message);
    }
  }
  await refresh();
}

void main();
