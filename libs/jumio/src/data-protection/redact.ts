export const REDACTED = '[REDACTED]';

/**
 * Key names (lower-cased, without `_`, `-` or `.`) whose values are personal data or secrets, from
 * Jumio's callback, retrieval and extracted-data fields (jumio-api.md §5.4, §5.6, §6) and our own.
 */
const SENSITIVE_KEYS = new Set([
  // names and personal details
  'name',
  'firstname',
  'lastname',
  'middlename',
  'fullname',
  'lastnameatbirth',
  'mothersname',
  'fathersname',
  'dob',
  'dateofbirth',
  'birthdate',
  'dateofbirthparts',
  'origindob',
  'placeofbirth',
  'gender',
  'nationality',
  'citizenship',
  'maritalstatus',
  'religion',
  'disability',
  'email',
  'phone',
  'clientip',
  // document data
  'number',
  'documentnumber',
  'personalnumber',
  'passportnumber',
  'documentidentificationnumber',
  'personalidentificationnumber',
  'registrationnumber',
  'voteridnumber',
  'issuingnumber',
  'taxnumber',
  'dni',
  'curp',
  'cpf',
  'rgnumber',
  'ssn',
  'pan',
  'accountnumber',
  'swiftcode',
  'optionaldata1',
  'optionaldata2',
  'expiry',
  'expirydate',
  'expirydateparts',
  'issuedate',
  'issuingdate',
  'issuingdateparts',
  'issuingplace',
  'issuingauthority',
  'residentpermittype',
  'residentpermitremarks',
  'remarks',
  'dlcategories',
  'dlcarpermission',
  'extracteddata',
  'extracted',
  'mrz',
  // address
  'address',
  'line1',
  'line2',
  'line3',
  'line4',
  'line5',
  'street',
  'postalcode',
  'zip',
  'city',
  'subdivision',
  'formatted',
  'formattedaddress',
  'usstate',
  // images and raw payloads
  'images',
  'image',
  'originaldocument',
  'facemap',
  'livenessimages',
  'href',
  'payload',
  'rawpayload',
  // credentials and tokens
  'authorization',
  'password',
  'apisecret',
  'apitoken',
  'secret',
  'token',
  'authorizationtoken',
  'initiationtoken',
  'callbacktoken',
  'callbackurl',
  'redirecturl',
  'clientredirecturl',
  'cookie',
  'setcookie',
  'auth',
  'mobilesdkcredentials',
  'encryptionkeys',
  'keys',
]);

/** `id*` callback fields that are not personal: document kind, country and Jumio's check words. */
const SAFE_ID_KEYS = new Set(['idtype', 'idsubtype', 'idcountry', 'idscanstatus', 'idscansource']);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-.\s]/g, '');
}

/** Whether the value under this key must never reach a log, an error message or an answer. */
export function isSensitiveKey(key: string): boolean {
  const normalised = normaliseKey(key);
  if (SENSITIVE_KEYS.has(normalised)) return true;
  // Jumio's NV callback prefixes personal fields with `id` (idFirstName, idDob, idNumber, idAddress, ...).
  if (/^id[A-Z]/.test(key) && !SAFE_ID_KEYS.has(normalised) && !normalised.startsWith('idcheck'))
    return true;
  return /(secret|password|token$|authorization|image|cookie|apikey)/.test(normalised);
}

const TEXT_RULES: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
  // HTTP auth schemes and URL user info.
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi, `$1 ${REDACTED}`],
  [/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${REDACTED}@`],
  // Inline images.
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, REDACTED],
  // Node's JSON.parse messages quote the start of the input.
  [
    /(Unexpected token|Unexpected end|Expected|Bad control character|Unterminated string)[^\n]*?(is not valid JSON|in JSON at position \d+)/g,
    `invalid JSON (${REDACTED})`,
  ],
  // `"key": value` and `key=value` pairs whose key is sensitive (JSON, form bodies, query strings).
  [
    /"([A-Za-z_][\w-]*)"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,}\]\s]+)/g,
    (match: string, key: string) => (isSensitiveKey(key) ? `"${key}":"${REDACTED}"` : match),
  ],
  [
    /(^|[?&\s;,])([A-Za-z_][\w.-]*)=([^&\s;,]*)/g,
    (match: string, lead: string, key: string) =>
      isSensitiveKey(key) ? `${lead}${key}=${REDACTED}` : match,
  ],
  // Callback URL tokens (32 random bytes, base64url: 43 characters) wherever they appear.
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, REDACTED],
];

/** Removes credentials, tokens, inline images and sensitive `key=value` / `"key": value` pairs from text. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of TEXT_RULES) {
    result = result.replace(
      pattern,
      replacement as (substring: string, ...args: string[]) => string,
    );
  }
  return result;
}

/**
 * A copy of `value` that is safe to log: values under sensitive keys replaced by `[REDACTED]`, strings
 * passed through `redactText`, errors reduced to name, code and redacted message. Cycles are cut.
 */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) return redactError(value);
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      isSensitiveKey(key) && item !== null && item !== undefined ? REDACTED : redact(item, seen);
  }
  return copy;
}

/** An Error of the same name and code whose message and stack went through `redactText`. */
export function redactError(error: Error): Error {
  const safe = new Error(redactText(error.message));
  safe.name = error.name;
  safe.stack = error.stack === undefined ? undefined : redactText(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(safe, { code });
  return safe;
}
