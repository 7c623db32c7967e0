import type { IncomingMessage } from 'node:http';
import { parse } from 'node:querystring';

/** Most fields a callback form may carry (Jumio's richest callback has about 60). */
export const MAX_CALLBACK_FIELDS = 200;

export type FormReadFailure = 'BODY_TOO_LARGE' | 'MALFORMED_BODY';

/**
 * Reads a form-encoded body (or, for KYX, a JSON object: `application/json`, which the guard lets through
 * only when KYX is configured) (UTF-8) of at most `maxBytes` from the request stream and parses it the way
 * Express's `urlencoded({ extended: false })` does (`node:querystring`: repeated names become arrays), with
 * no dependency on any web framework. Fails with BODY_TOO_LARGE as soon as the declared or streamed size
 * passes the limit, MALFORMED_BODY for a compressed body, a charset other than UTF-8, too many fields or an
 * aborted upload.
 */
export function readCallbackForm(
  request: IncomingMessage,
  maxBytes: number,
  done: (failure: FormReadFailure | null, form?: Record<string, unknown>) => void,
): void {
  let finished = false;
  const finish = (failure: FormReadFailure | null, form?: Record<string, unknown>) => {
    if (finished) return;
    finished = true;
    done(failure, form);
  };
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return finish('BODY_TOO_LARGE');
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(request.headers['content-type'] ?? '')?.[2];
  if (encoding !== 'identity' || (charset && charset.toLowerCase() !== 'utf-8')) {
    request.resume();
    return finish('MALFORMED_BODY');
  }

  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const isJson = mediaType === 'application/json';

  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > maxBytes) {
      request.resume();
      return finish('BODY_TOO_LARGE');
    }
    chunks.push(chunk);
  });
  request.on('error', () => finish('MALFORMED_BODY'));
  request.on('close', () => finish('MALFORMED_BODY')); // closed before 'end': an aborted upload
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    if (isJson) return finish(...readJsonObject(text));
    if (fieldCount(text) > MAX_CALLBACK_FIELDS) return finish('MALFORMED_BODY');
    finish(null, parse(text));
  });
}

/** Fields of a form as `split('&')` would count them, without building that array. */
function fieldCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) count++;
  return count;
}

/** A KYX callback body: one JSON object (anything else is malformed). */
function readJsonObject(text: string): [FormReadFailure | null, Record<string, unknown>?] {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return ['MALFORMED_BODY'];
    }
    return [null, value as Record<string, unknown>];
  } catch {
    return ['MALFORMED_BODY'];
  }
}
