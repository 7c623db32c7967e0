import { JSON_BODY_LIMIT_BYTES, parseJsonObject, readBody, sendJson } from '../http/http-io';
import type { RequestContext, Route } from '../http/router';
import { invalid, JsonFields } from '../rules/json-fields';

/**
 * The plumbing of the scenario control routes (legacy and KYX; sandbox only, never part of Jumio's
 * API): a route under `base` in the `control` group answering 200 with the handler's value, or
 * `{ ok: true }` when it returns nothing.
 */
export function controlRouteUnder(base: string) {
  return (
    method: Route['method'],
    path: string,
    handle: (context: RequestContext) => unknown,
  ): Route => ({
    method,
    path: `${base}${path}`,
    group: 'control',
    handle: async (context) => sendJson(context.res, 200, (await handle(context)) ?? { ok: true }),
  });
}

/** The request's JSON object body (empty: `{}`). */
export async function controlBody(req: RequestContext['req']): Promise<JsonFields> {
  const raw = await readBody(req, JSON_BODY_LIMIT_BYTES);
  return new JsonFields(raw.length === 0 ? {} : parseJsonObject(raw));
}

export function positiveInteger(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw invalid(name, 'must be an integer >= 1');
  return parsed;
}
