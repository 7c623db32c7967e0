import { send, type HttpAnswer } from './sandbox-http';

export interface CaptureSubmission {
  outcome?: string;
  action?: 'submit' | 'cancel';
  /** Attach a small fake file as the multipart field `file`. */
  withFile?: boolean;
  /** Post url-encoded instead of multipart. */
  urlEncoded?: boolean;
}

/** Opens the capture page behind a redirect URL and returns the form's action, as a browser would. */
export async function openCapturePage(
  redirectUrl: string,
): Promise<{ page: HttpAnswer; action: string }> {
  const page = await send({ url: redirectUrl });
  const match = /<form[^>]*action="([^"]+)"/.exec(page.text);
  const action = match ? new URL(match[1].replace(/&amp;/g, '&'), redirectUrl).toString() : '';
  return { page, action };
}

/** Submits the capture form like a browser (no redirect following): answers the 303 or a page. */
export async function submitCapture(
  redirectUrl: string,
  submission: CaptureSubmission,
): Promise<HttpAnswer> {
  const { action } = await openCapturePage(redirectUrl);
  if (!action) throw new Error('capture page has no form');
  return postCaptureForm(action, submission);
}

export function postCaptureForm(
  action: string,
  submission: CaptureSubmission,
): Promise<HttpAnswer> {
  const fields: [string, string][] = [];
  if (submission.outcome) fields.push(['outcome', submission.outcome]);
  fields.push(['action', submission.action ?? 'submit']);
  if (submission.urlEncoded) {
    return send({
      method: 'POST',
      url: action,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
  const boundary = '----sandboxTestBoundary7MA4YWxkTrZu0gW';
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file = submission.withFile
    ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8fake-jpeg\r\n`
    : `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`;
  return send({
    method: 'POST',
    url: action,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.from(`${parts.join('')}${file}--${boundary}--\r\n`, 'latin1'),
  });
}

/** The query of a 303 Location as a plain object. */
export function locationQuery(answer: HttpAnswer): Record<string, string> {
  return Object.fromEntries(new URL(String(answer.headers.location)).searchParams);
}
