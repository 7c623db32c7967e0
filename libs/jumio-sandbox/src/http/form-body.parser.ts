import { SandboxHttpError } from './http-io';

/** A submitted capture form: text fields, and how many non-empty files came with it. */
export interface SubmittedForm {
  fields: Map<string, string>;
  /** Files are only counted: the sandbox never stores or echoes them. */
  fileCount: number;
}

/** Reads `multipart/form-data` or `application/x-www-form-urlencoded` bodies. */
export function parseSubmittedForm(contentType: string | undefined, body: Buffer): SubmittedForm {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { fields: new Map(new URLSearchParams(body.toString('utf8'))), fileCount: 0 };
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    if (!boundary) throw new SandboxHttpError(400, 'Content-Type: multipart boundary missing');
    return parseMultipart(body, boundary[1] ?? boundary[2].trim());
  }
  throw new SandboxHttpError(
    415,
    'Content-Type: expected multipart/form-data or a url-encoded form',
  );
}

const HEADER_END = Buffer.from('\r\n\r\n');

function parseMultipart(body: Buffer, boundary: string): SubmittedForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  let fileCount = 0;
  let start = body.indexOf(delimiter);
  if (start < 0) throw new SandboxHttpError(400, 'body: multipart boundary not found');
  while (true) {
    const partStart = start + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) throw new SandboxHttpError(400, 'body: unterminated multipart body');
    // Each part is "\r\n<headers>\r\n\r\n<content>\r\n" between two delimiters.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd < 0) throw new SandboxHttpError(400, 'body: multipart part without headers');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + HEADER_END.length);
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const isFile = /\bfilename="/i.test(disposition);
    if (isFile) {
      if (content.length > 0) fileCount++;
    } else if (name !== undefined) {
      fields.set(name, content.toString('utf8'));
    }
    start = next;
  }
  return { fields, fileCount };
}
