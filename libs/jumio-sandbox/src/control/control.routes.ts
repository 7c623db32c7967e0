import { SandboxHttpError } from '../http/http-io';
import type { Route } from '../http/router';
import { invalid } from '../rules/json-fields';
import type { IdentityVerificationOverride, ScanOutcome } from '../store/transaction.types';
import { controlBody, controlRouteUnder, positiveInteger } from './control-route';
import type { JumioSandboxControl } from './jumio-sandbox-control';
import type { CallbackShape, FaultGroup, FaultKind, OutcomeTarget } from './scenario';

const BASE = '/sandbox/control';

/** The scenario control over HTTP (sandbox only; never part of Jumio's API). */
export function controlRoutes(control: JumioSandboxControl): Route[] {
  const route = controlRouteUnder(BASE);
  return [
    route('GET', '/callbacks', ({ query }) =>
      control.callbacks({ reference: query.get('reference') ?? undefined }),
    ),
    route('GET', '/callbacks/wait', ({ query }) =>
      control.waitForCallbacks(positiveInteger(query.get('count') ?? '1', 'count'), {
        reference: query.get('reference') ?? undefined,
        timeoutMs: positiveInteger(query.get('timeoutMs') ?? '10000', 'timeoutMs'),
      }),
    ),
    route('POST', '/callbacks/drop', async ({ req }) => {
      const count = (await controlBody(req)).raw('count');
      if (count !== 'all' && typeof count !== 'number')
        throw invalid('count', "must be a number or 'all'");
      control.dropCallbacks(count);
    }),
    route('POST', '/callbacks/:reference/resend', ({ params }) =>
      control.resendCallback(params.reference),
    ),
    route('POST', '/outcomes', async ({ req }) => {
      const fields = await controlBody(req);
      const reference = fields.string('reference', { max: 100 });
      const customerInternalReference = fields.string('customerInternalReference', { max: 100 });
      const outcome = fields.string('outcome', { required: true, max: 50 }) as ScanOutcome;
      const target: OutcomeTarget | undefined = reference
        ? { reference }
        : customerInternalReference
          ? { customerInternalReference }
          : undefined;
      if (!target) throw invalid('reference', 'or customerInternalReference is required');
      const identityVerification = fields.raw('identityVerification') as
        IdentityVerificationOverride | null | undefined;
      const additionalChecks = fields.raw('additionalChecks');
      if (
        additionalChecks !== undefined &&
        (typeof additionalChecks !== 'object' || additionalChecks === null || Array.isArray(additionalChecks))
      ) {
        throw invalid('additionalChecks', 'must be a JSON object');
      }
      control.setOutcome(target, outcome, {
        identityVerification,
        idExpiry: fields.string('idExpiry', { max: 10 }),
        additionalChecks: additionalChecks as Record<string, unknown> | undefined,
        name: personName(fields.raw('name')),
      });
    }),
    route('DELETE', '/outcomes', () => control.clearOutcomes()),
    route('PUT', '/callback-delay', async ({ req }) => {
      const ms = (await controlBody(req)).integer('ms', { min: 0 });
      if (ms === undefined) throw invalid('ms', 'is required');
      control.setCallbackDelay(ms);
    }),
    route('PUT', '/callback-shape', async ({ req }) => {
      control.setCallbackShape((await controlBody(req)).raw('shape') as CallbackShape);
    }),
    route('PUT', '/rate-limits', async ({ req }) => {
      const fields = await controlBody(req);
      control.enforceRateLimits({
        startsPerWindow: fields.integer('startsPerWindow', { min: 1 }),
        retrievalsPerWindow: fields.integer('retrievalsPerWindow', { min: 1 }),
        windowMs: fields.integer('windowMs', { min: 1 }),
      });
    }),
    route('DELETE', '/rate-limits', () => {
      control.stopRateLimits();
      control.clearRateLimits();
    }),
    route('GET', '/rate-limits', () => ({ refused: control.rateLimitRefusals() })),
    route('POST', '/faults', async ({ req }) => {
      const fields = await controlBody(req);
      control.setFault({
        group: fields.raw('group') as FaultGroup,
        kind: fields.raw('kind') as FaultKind,
        times: fields.integer('times', { min: 1 }),
        retryAfterSeconds: fields.integer('retryAfterSeconds', { min: 0 }),
      });
    }),
    route('DELETE', '/faults', () => control.clearFaults()),
    route('PUT', '/response-delay', async ({ req }) => {
      const fields = await controlBody(req);
      const ms = fields.integer('ms', { min: 0 });
      if (ms === undefined) throw invalid('ms', 'is required');
      control.setResponseDelay(fields.raw('group') as FaultGroup, ms);
    }),
    route('POST', '/rate-limits', async ({ req }) => {
      const fields = await controlBody(req);
      const requests = fields.integer('requests', { min: 1 });
      const perSeconds = fields.integer('perSeconds', { min: 1 });
      if (requests === undefined) throw invalid('requests', 'is required');
      if (perSeconds === undefined) throw invalid('perSeconds', 'is required');
      control.setRateLimit({ group: fields.raw('group') as FaultGroup, requests, perSeconds });
    }),
    route('GET', '/transactions', ({ query }) =>
      control.findTransactions({
        customerInternalReference: query.get('customerInternalReference') ?? undefined,
      }),
    ),
    route('GET', '/transactions/:reference', ({ params }) => {
      const found = control.transaction(params.reference);
      if (!found) throw new SandboxHttpError(404, `unknown transaction ${params.reference}`);
      return found;
    }),
    route('POST', '/transactions/:reference/abandon', ({ params }) =>
      control.abandonNow(params.reference),
    ),
    route('POST', '/reset', () => control.reset()),
  ];
}

function personName(value: unknown): { firstName: string; lastName: string } | undefined {
  if (value === undefined) return undefined;
  const name: Record<string, unknown> =
    typeof value === 'object' && value !== null ? { ...value } : {};
  const { firstName, lastName } = name;
  if (typeof firstName !== 'string' || typeof lastName !== 'string') {
    throw invalid('name', 'must be {firstName, lastName}');
  }
  return { firstName: firstName.slice(0, 100), lastName: lastName.slice(0, 100) };
}
