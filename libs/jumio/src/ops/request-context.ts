import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A caller's X-Request-Id is kept only when it is short and plain (it ends up in logs and headers). */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of the HTTP request being served, when there is one (set by `requestIdMiddleware`). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Keeps the caller's request id when acceptable, otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `work` (and everything it awaits) with `requestId` as the current request id. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}
