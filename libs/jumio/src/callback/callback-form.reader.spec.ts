import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { MAX_CALLBACK_FIELDS, readCallbackForm } from './callback-form.reader';

/** A request body as the socket delivers it: chunks, then the end. */
function requestWith(headers: Record<string, string>, chunks: string[]): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return stream as unknown as IncomingMessage;
}

function read(request: IncomingMessage, maxBytes = 1024) {
  return new Promise<{ failure: string | null; form?: Record<string, unknown> }>((resolve) =>
    readCallbackForm(request, maxBytes, (failure, form) => resolve({ failure, form })),
  );
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('readCallbackForm (the callback body, without any web framework)', () => {
  it('decodes fields as express.urlencoded({ extended: false }) does', async () => {
    const { failure, form } = await read(
      requestWith(FORM, [
        'callBackType=NETVERIFYID&idFirstName=J%C3%BCrgen+K',
        '&reasons=a&reasons=b',
      ]),
    );
    expect(failure).toBeNull();
    expect({ ...form }).toEqual({
      callBackType: 'NETVERIFYID',
      idFirstName: 'Jürgen K',
      reasons: ['a', 'b'],
    });
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    expect(
      (await read(requestWith({ ...FORM, 'content-length': '2000' }, ['a=1']), 1000)).failure,
    ).toBe('BODY_TOO_LARGE');
    expect(
      (await read(requestWith(FORM, ['a=', 'x'.repeat(600), 'x'.repeat(600)]), 1000)).failure,
    ).toBe('BODY_TOO_LARGE');
  });

  it('refuses compressed bodies, other charsets and too many fields as malformed', async () => {
    const gzip = requestWith({ ...FORM, 'content-encoding': 'gzip' }, ['a=1']);
    expect((await read(gzip)).failure).toBe('MALFORMED_BODY');
    const latin1 = requestWith(
      { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' },
      ['a=1'],
    );
    expect((await read(latin1)).failure).toBe('MALFORMED_BODY');
    const many = Array.from({ length: MAX_CALLBACK_FIELDS + 1 }, (_, i) => `f${i}=1`).join('&');
    expect((await read(requestWith(FORM, [many]), 10_000)).failure).toBe('MALFORMED_BODY');
    const most = Array.from({ length: MAX_CALLBACK_FIELDS }, (_, i) => `f${i}=1`).join('&');
    expect((await read(requestWith(FORM, [most]), 10_000)).failure).toBeNull();
    const utf8 = requestWith(
      { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      ['a=1'],
    );
    expect((await read(utf8)).form).toEqual(expect.objectContaining({ a: '1' }));
  });

  it('reads a KYX JSON object; anything else in JSON is malformed', async () => {
    const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
    const body = { workflowExecution: { id: 'w-1', status: 'PROCESSED' }, account: { id: 'a-1' } };
    const { failure, form } = await read(requestWith(JSON_TYPE, [JSON.stringify(body)]));
    expect(failure).toBeNull();
    expect(form).toEqual(body);
    for (const bad of ['[1]', 'null', '"x"', '{"a":']) {
      expect((await read(requestWith(JSON_TYPE, [bad]))).failure).toBe('MALFORMED_BODY');
    }
    const big = JSON.stringify({ pad: 'x'.repeat(2000) });
    expect((await read(requestWith(JSON_TYPE, [big]), 1000)).failure).toBe('BODY_TOO_LARGE');
  });
});
