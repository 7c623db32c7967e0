import type { ServerResponse } from 'node:http';
import { FORM_BODY_LIMIT_BYTES, readBody, redirectSeeOther, sendHtml } from '../http/http-io';
import { parseSubmittedForm } from '../http/form-body.parser';
import type { RequestContext, Route } from '../http/router';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxTransaction, ScanOutcome } from '../store/transaction.types';
import { DOCUMENT_CAPTURE, NETVERIFY_CAPTURE, type CaptureFlavour } from './capture-flavours';
import { capturePageHtml } from './capture-page.html';
import { journeyEndUrl, type JourneyEnd } from './journey-end';
import { messagePageHtml } from './page-layout.html';

/** The hosted pages behind redirectUrl (v4) and clientRedirectUrl (DV), and their form posts. */
export function capturePageRoutes(context: SandboxContext): Route[] {
  const pages = new CapturePages(context);
  return [
    {
      method: 'GET',
      path: '/web/v4/app',
      group: 'capture',
      handle: (c) => pages.show(NETVERIFY_CAPTURE, c),
    },
    {
      method: 'POST',
      path: NETVERIFY_CAPTURE.submitPath,
      group: 'capture',
      handle: (c) => pages.submit(NETVERIFY_CAPTURE, c),
    },
    {
      method: 'GET',
      path: '/api/netverify/v2/acquisitions',
      group: 'capture',
      handle: (c) => pages.show(DOCUMENT_CAPTURE, c),
    },
    {
      method: 'POST',
      path: DOCUMENT_CAPTURE.submitPath,
      group: 'capture',
      handle: (c) => pages.submit(DOCUMENT_CAPTURE, c),
    },
  ];
}

type PageState =
  | { kind: 'invalid'; status: number; message: string }
  | { kind: 'closed'; transaction: SandboxTransaction; errorCode: number; message: string }
  | { kind: 'open'; transaction: SandboxTransaction };

class CapturePages {
  constructor(private readonly context: SandboxContext) {}

  show(flavour: CaptureFlavour, { res, query }: RequestContext): void {
    const state = this.stateOf(flavour, query);
    if (state.kind === 'invalid') return this.message(res, state.status, state.message);
    if (state.kind === 'closed') {
      const redirectTo = journeyEndUrl(state.transaction, {
        success: false,
        errorCode: state.errorCode,
      });
      return this.message(res, 200, state.message, redirectTo);
    }
    const { transaction } = state;
    const preset = this.context.scenario.presetFor(transaction);
    const presetOutcome = flavour.outcomes.find((choice) => choice.value === preset?.outcome);
    const token = query.get(flavour.tokenParam) ?? '';
    sendHtml(
      res,
      200,
      capturePageHtml({
        heading: flavour.heading,
        action: `${flavour.submitPath}?${new URLSearchParams({ [flavour.tokenParam]: token }).toString()}`,
        details: flavour.details(transaction),
        outcomes: flavour.outcomes,
        selected: presetOutcome?.value ?? flavour.defaultOutcome,
        presetNote: presetOutcome
          ? `The scenario control set this transaction's outcome to ${presetOutcome.value}; it applies whatever you pick.`
          : undefined,
        multipleFiles: flavour.product === 'DOCUMENT',
      }),
    );
  }

  async submit(flavour: CaptureFlavour, { req, res, query }: RequestContext): Promise<void> {
    const form = parseSubmittedForm(
      req.headers['content-type'],
      await readBody(req, FORM_BODY_LIMIT_BYTES),
    );
    const state = this.stateOf(flavour, query);
    if (state.kind === 'invalid') return this.message(res, state.status, state.message);
    if (state.kind === 'closed') {
      return this.end(
        res,
        state.transaction,
        { success: false, errorCode: state.errorCode },
        state.message,
      );
    }
    const { transaction } = state;
    const cancelled = form.fields.get('action') === 'cancel';
    const chosen = cancelled
      ? flavour.cancelOutcome
      : this.chosenOutcome(flavour, transaction, form.fields);
    if (!chosen) {
      const allowed = flavour.outcomes.map((choice) => choice.value).join(', ');
      return this.message(res, 400, `outcome must be one of ${allowed}`);
    }
    const outcome = this.context.lifecycle.finishJourney(transaction, {
      chosen,
      cancelled,
      scanSource: form.fileCount > 0 ? 'WEB_UPLOAD' : 'WEB_CAM',
      pageCount: form.fileCount,
    });
    this.context.log(`capture: ${transaction.product} ${transaction.reference} journey ended`);
    this.end(res, transaction, flavour.journeyEnd(outcome, cancelled), 'Your journey is complete.');
  }

  private chosenOutcome(
    flavour: CaptureFlavour,
    transaction: SandboxTransaction,
    fields: Map<string, string>,
  ): ScanOutcome | undefined {
    const value = fields.get('outcome');
    const choice = flavour.outcomes.find((candidate) => candidate.value === value);
    if (choice) return choice.value as ScanOutcome;
    // No pick at all is fine when the control decides anyway.
    return value === undefined ? this.context.scenario.presetFor(transaction)?.outcome : undefined;
  }

  private stateOf(flavour: CaptureFlavour, query: URLSearchParams): PageState {
    const token = query.get(flavour.tokenParam);
    if (!token)
      return { kind: 'invalid', status: 400, message: `${flavour.tokenParam} is missing.` };
    const transaction = this.context.store.getByToken(token);
    if (!transaction || transaction.product !== flavour.product || transaction.deletedAt) {
      return { kind: 'invalid', status: 404, message: 'This link is not valid.' };
    }
    if (transaction.abandoned || Date.now() > (transaction.tokenExpiresAt ?? 0)) {
      return {
        kind: 'closed',
        transaction,
        errorCode: flavour.expiredErrorCode,
        message: 'This link has expired.',
      };
    }
    if (transaction.outcome) {
      return {
        kind: 'closed',
        transaction,
        errorCode: flavour.usedErrorCode,
        message: 'This journey was already completed.',
      };
    }
    return { kind: 'open', transaction };
  }

  /** 303 to successUrl / errorUrl, or a plain page when the transaction named none. */
  private end(
    res: ServerResponse,
    transaction: SandboxTransaction,
    end: JourneyEnd,
    message: string,
  ): void {
    const location = journeyEndUrl(transaction, end);
    if (location) return redirectSeeOther(res, location);
    const outcome = end.success ? 'Done.' : `Ended with error code ${end.errorCode}.`;
    sendHtml(
      res,
      200,
      messagePageHtml({
        title: 'Done',
        message: `${message} ${outcome}`,
        tone: end.success ? 'note' : 'error',
      }),
    );
  }

  private message(res: ServerResponse, status: number, message: string, redirectTo?: string): void {
    const title = status >= 400 ? 'Cannot continue' : 'Journey closed';
    sendHtml(res, status, messagePageHtml({ title, message, tone: 'error', redirectTo }));
  }
}
