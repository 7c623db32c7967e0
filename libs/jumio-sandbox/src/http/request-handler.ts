import type { IncomingMessage, ServerResponse } from 'node:http';
import { messagePageHtml } from '../capture/page-layout.html';
import type { Scenario } from '../control/scenario';
import { SandboxHttpError, sendHtml, sendJson } from './http-io';
import type { Router } from './router';

export const SANDBOX_HEADER = 'X-Jumio-Sandbox';

/** Every request: sandbox header, routing, fault switch, and errors as `{ message }` (pages: HTML). */
export function createRequestHandler(options: {
  router: Router;
  scenario: Scenario;
  log: (line: string) => void;
}) {
  const { router, scenario, log } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader(SANDBOX_HEADER, 'true');
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const match = router.match(req.method ?? 'GET', url.pathname);
    const html = match.kind === 'found' && match.route.group === 'capture';
    try {
      if (match.kind === 'not-found')
        throw new SandboxHttpError(404, `no such endpoint: ${url.pathname}`);
      if (match.kind === 'method-not-allowed') {
        throw new SandboxHttpError(405, `method ${req.method} not allowed here`, {
          Allow: match.allowed.join(', '),
        });
      }
      if (scenario.rateLimits.refuseOverGroupLimit(match.route.group, res))
        return void req.resume();
      await applyResponseDelay(scenario, match.route.group);
      if (applyFault(scenario, match.route.group, req, res)) return;
      if (scenario.rateLimits.refuse(match.route.group, res)) return void req.resume();
      await match.route.handle({ req, res, params: match.params, query: url.searchParams });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const known = error instanceof SandboxHttpError ? error : undefined;
      if (!known) log(`error: ${req.method} ${url.pathname}: ${String(error)}`);
      const status = known?.status ?? 500;
      const message = known?.message ?? 'internal sandbox error';
      for (const [name, value] of Object.entries(known?.headers ?? {})) res.setHeader(name, value);
      if (html)
        sendHtml(
          res,
          status,
          messagePageHtml({ title: 'Cannot continue', message, tone: 'error' }),
        );
      else sendJson(res, status, { message });
    }
  };
}

const UNPACED_GROUPS = new Set(['capture', 'control', 'info']);

/** The group's response delay, if set. */
async function applyResponseDelay(scenario: Scenario, group: string): Promise<void> {
  if (UNPACED_GROUPS.has(group)) return;
  const delayMs = scenario.responseDelays.delayFor(group);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
}

/** Answers with the configured fault, if any; `hang` leaves the request open until the server closes. */
function applyFault(
  scenario: Scenario,
  group: Parameters<Scenario['takeFault']>[0],
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (group === 'capture' || group === 'control' || group === 'info') return false;
  const fault = scenario.takeFault(group);
  if (!fault) return false;
  req.resume();
  if (fault.kind === 'hang') return true;
  if (fault.kind === 429) {
    sendJson(
      res,
      429,
      {
        title: 'Too Many Requests',
        status: 429,
        detail: 'Rate limit exceeded (sandbox fault switch)',
      },
      { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
    );
    return true;
  }
  const message =
    fault.kind === 503
      ? 'Service unavailable (sandbox fault switch)'
      : 'Internal server error (sandbox fault switch)';
  sendJson(res, fault.kind, { message });
  return true;
}
