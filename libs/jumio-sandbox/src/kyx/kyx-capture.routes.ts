import type { ServerResponse } from 'node:http';
import { capturePageHtml, type OutcomeChoice } from '../capture/capture-page.html';
import { messagePageHtml } from '../capture/page-layout.html';
import { parseSubmittedForm } from '../http/form-body.parser';
import { FORM_BODY_LIMIT_BYTES, readBody, redirectSeeOther, sendHtml } from '../http/http-io';
import type { RequestContext, Route } from '../http/router';
import { KYX_WEB_PATH } from './kyx-account.routes';
import type { KyxContext } from './kyx-context';
import { isKyxOutcomeOf, type KyxOutcome, type KyxWorkflowExecution } from './kyx.types';

const SUBMIT_PATH = '/sandbox/capture/kyx';

/** Redirect error codes of the KYX web client (9100…9836; display only). [UNSURE] which code Jumio uses when. */
export const KYX_WEB_ERROR = {
  cancelled: 9100,
  tokenInvalid: 9200,
  sessionExpired: 9210,
} as const;

const ID_CHOICES: OutcomeChoice[] = [
  { value: 'PASSED', label: 'Passed', hint: 'Genuine ID, live selfie, face matches.' },
  {
    value: 'PASSED_WITHOUT_SELFIE',
    label: 'Passed without selfie',
    hint: 'ID passed; no liveness or similarity ran.',
  },
  {
    value: 'MANIPULATED',
    label: 'Manipulated',
    hint: 'imageChecks REJECTED MANIPULATED_DOCUMENT.',
  },
  { value: 'NO_MATCH', label: 'No match', hint: 'similarity REJECTED NO_MATCH.' },
  {
    value: 'LIVENESS_FAILED',
    label: 'Liveness fraud',
    hint: 'liveness REJECTED ID_USED_AS_SELFIE.',
  },
  { value: 'BLURRED', label: 'Blurred', hint: 'usability REJECTED BLURRED: try again.' },
  {
    value: 'NOT_POSSIBLE',
    label: 'Similarity not possible',
    hint: 'similarity WARNING NOT_POSSIBLE.',
  },
  {
    value: 'SESSION_EXPIRED',
    label: 'Session expires',
    hint: 'The person leaves: ends on errorUrl.',
  },
];

const DOCUMENT_CHOICES: OutcomeChoice[] = [
  { value: 'EXTRACTED', label: 'Extracted', hint: 'Usable document, data extracted.' },
  { value: 'NOT_EXTRACTED', label: 'Not extracted', hint: 'Usable, but extraction NOT_EXECUTED.' },
  { value: 'BLURRED', label: 'Blurred', hint: 'usability REJECTED BLURRED: try again.' },
  {
    value: 'SESSION_EXPIRED',
    label: 'Session expires',
    hint: 'The person leaves: ends on errorUrl.',
  },
];

/** The hosted KYX web client behind `web.href` and its form post. */
export function kyxCaptureRoutes(context: KyxContext): Route[] {
  return [
    { method: 'GET', path: KYX_WEB_PATH, group: 'capture', handle: (c) => show(context, c) },
    { method: 'POST', path: SUBMIT_PATH, group: 'capture', handle: (c) => submit(context, c) },
  ];
}

type PageState =
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'closed'; execution: KyxWorkflowExecution; message: string }
  | { kind: 'open'; execution: KyxWorkflowExecution };

function stateOf(context: KyxContext, query: URLSearchParams): PageState {
  const token = query.get('authorizationToken');
  if (!token) return { kind: 'invalid', status: 400, message: 'authorizationToken is missing.' };
  const execution = context.store.executionByTokenOf(token);
  if (!execution || execution.webToken !== token || execution.deletedAt) {
    return { kind: 'invalid', status: 404, message: 'This link is not valid.' };
  }
  if (execution.outcome || execution.status !== 'INITIATED') {
    return { kind: 'closed', execution, message: 'This journey was already completed.' };
  }
  if (Date.now() > execution.tokenExpiresAt)
    return { kind: 'closed', execution, message: 'This link has expired.' };
  return { kind: 'open', execution };
}

function show(context: KyxContext, { res, query }: RequestContext): void {
  const state = stateOf(context, query);
  if (state.kind === 'invalid') return message(res, state.status, state.message);
  if (state.kind === 'closed') {
    const to = endUrl(state.execution, { success: false, errorCode: KYX_WEB_ERROR.tokenInvalid });
    return message(res, 200, state.message, to);
  }
  const { execution } = state;
  context.lifecycle.started(execution);
  const choices = execution.kind === 'ID' ? ID_CHOICES : DOCUMENT_CHOICES;
  const preset = context.lifecycle.presetFor(execution);
  const document = execution.credentials.find((credential) => credential.category === 'DOCUMENT');
  const details: [string, string][] = [
    ['Account', execution.accountId],
    ['Workflow execution', execution.id],
    ['Workflow', String(execution.definitionKey)],
  ];
  if (document)
    details.push(['Document', `${document.type?.[0] ?? ''} / ${document.country?.[0] ?? ''}`]);
  sendHtml(
    res,
    200,
    capturePageHtml({
      heading:
        execution.kind === 'ID'
          ? 'Identity verification (KYX web client)'
          : 'Document upload (KYX DocV)',
      action: `${SUBMIT_PATH}?${new URLSearchParams({ authorizationToken: execution.webToken }).toString()}`,
      details,
      outcomes: choices,
      selected: preset ?? choices[0].value,
      presetNote: preset
        ? `The scenario control set this workflow's outcome to ${preset}; it applies whatever you pick.`
        : undefined,
      multipleFiles: execution.kind === 'DOCUMENT',
    }),
  );
}

async function submit(context: KyxContext, { req, res, query }: RequestContext): Promise<void> {
  const form = parseSubmittedForm(
    req.headers['content-type'],
    await readBody(req, FORM_BODY_LIMIT_BYTES),
  );
  const state = stateOf(context, query);
  if (state.kind === 'invalid') return message(res, state.status, state.message);
  if (state.kind === 'closed') {
    const to = endUrl(state.execution, { success: false, errorCode: KYX_WEB_ERROR.tokenInvalid });
    return message(res, 200, state.message, to);
  }
  const { execution } = state;
  const cancelled = form.fields.get('action') === 'cancel';
  const picked = form.fields.get('outcome');
  let chosen: KyxOutcome | undefined;
  if (picked !== undefined && isKyxOutcomeOf(execution.kind, picked)) chosen = picked;
  else if (picked === undefined) chosen = context.lifecycle.presetFor(execution);
  if (!cancelled && !chosen) {
    const allowed = (execution.kind === 'ID' ? ID_CHOICES : DOCUMENT_CHOICES)
      .map((c) => c.value)
      .join(', ');
    return message(res, 400, `outcome must be one of ${allowed}`);
  }
  const outcome = context.lifecycle.finish(execution, {
    chosen: chosen ?? 'SESSION_EXPIRED',
    channel: 'WEB',
    cancelled,
  });
  context.log(`capture: KYX ${execution.id} journey ended`);
  const end: JourneyEnd = cancelled
    ? { success: false, errorCode: KYX_WEB_ERROR.cancelled }
    : outcome === 'SESSION_EXPIRED'
      ? { success: false, errorCode: KYX_WEB_ERROR.sessionExpired }
      : { success: true };
  const location = endUrl(execution, end);
  if (location) return redirectSeeOther(res, location);
  const text = end.success ? 'Done.' : `Ended with error code ${end.errorCode}.`;
  sendHtml(
    res,
    200,
    messagePageHtml({
      title: 'Done',
      message: `Your journey is complete. ${text}`,
      tone: end.success ? 'note' : 'error',
    }),
  );
}

type JourneyEnd = { success: true } | { success: false; errorCode: number };

/** web.successUrl / errorUrl with accountId, workflowExecutionId, acquisitionStatus, customerInternalReference, errorCode. */
export function endUrl(execution: KyxWorkflowExecution, end: JourneyEnd): string | undefined {
  const target = end.success ? execution.successUrl : execution.errorUrl;
  if (!target) return undefined;
  const url = new URL(target);
  url.searchParams.append('accountId', execution.accountId);
  url.searchParams.append('workflowExecutionId', execution.id);
  url.searchParams.append('acquisitionStatus', end.success ? 'SUCCESS' : 'ERROR');
  if (execution.customerInternalReference !== undefined) {
    url.searchParams.append('customerInternalReference', execution.customerInternalReference);
  }
  if (!end.success) url.searchParams.append('errorCode', String(end.errorCode));
  return url.toString();
}

function message(res: ServerResponse, status: number, text: string, redirectTo?: string): void {
  const title = status >= 400 ? 'Cannot continue' : 'Journey closed';
  sendHtml(res, status, messagePageHtml({ title, message: text, tone: 'error', redirectTo }));
}
