import type {
  DocumentAcquisitionResponse,
  DocumentDataResponse,
  DocumentStatusResponse,
  NetverifyInitiateResponse,
  NetverifyScanDataResponse,
  NetverifyScanStatusResponse,
} from './jumio-api.types';
import { isJumioReference } from './jumio-reference';

/** A Jumio answer that lacks a field we rely on. Names the field, never its value. */
export class ResponseShapeError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`field "${field}" ${problem}`);
    this.name = 'ResponseShapeError';
  }
}

export type ResponseReader<T> = (body: Record<string, unknown>) => T;

/*
 * Minimal checks: the fields the module cannot work without must be present with the documented type.
 * Everything else passes through untouched and is read defensively by the result parsers.
 */

export const readInitiateResponse: ResponseReader<NetverifyInitiateResponse> = (body) => {
  requireString(body, 'timestamp');
  requireReference(body, 'transactionReference');
  requireString(body, 'redirectUrl');
  return body as unknown as NetverifyInitiateResponse;
};

export const readAcquisitionResponse: ResponseReader<DocumentAcquisitionResponse> = (body) => {
  optionalString(body, 'timestamp');
  requireReference(body, 'scanReference');
  requireString(body, 'clientRedirectUrl');
  return body as unknown as DocumentAcquisitionResponse;
};

export const readScanStatusResponse: ResponseReader<NetverifyScanStatusResponse> = (body) =>
  readStatus(body) as unknown as NetverifyScanStatusResponse;

export const readDocumentStatusResponse: ResponseReader<DocumentStatusResponse> = (body) =>
  readStatus(body) as unknown as DocumentStatusResponse;

export const readScanDataResponse: ResponseReader<NetverifyScanDataResponse> = (body) => {
  optionalString(body, 'timestamp');
  optionalString(body, 'scanReference');
  for (const part of ['document', 'transaction', 'verification']) optionalObject(body, part);
  return body;
};

export const readDocumentDataResponse: ResponseReader<DocumentDataResponse> = (body) => {
  optionalString(body, 'timestamp');
  optionalString(body, 'scanReference');
  for (const part of ['document', 'transaction']) optionalObject(body, part);
  return body;
};

function readStatus(body: Record<string, unknown>): Record<string, unknown> {
  optionalString(body, 'timestamp');
  requireString(body, 'scanReference');
  requireString(body, 'status');
  return body;
}

function requireString(body: Record<string, unknown>, field: string): void {
  if (typeof body[field] !== 'string' || body[field] === '') {
    throw new ResponseShapeError(field, 'is missing or not a non-empty string');
  }
}

function requireReference(body: Record<string, unknown>, field: string): void {
  requireString(body, field);
  if (!isJumioReference(body[field]))
    throw new ResponseShapeError(field, 'is not shaped like a Jumio reference');
}

function optionalString(body: Record<string, unknown>, field: string): void {
  if (body[field] !== undefined && typeof body[field] !== 'string') {
    throw new ResponseShapeError(field, 'is not a string');
  }
}

function optionalObject(body: Record<string, unknown>, field: string): void {
  const value = body[field];
  if (
    value !== undefined &&
    value !== null &&
    (typeof value !== 'object' || Array.isArray(value))
  ) {
    throw new ResponseShapeError(field, 'is not a JSON object');
  }
}
