import { parseSubmittedForm } from './form-body.parser';

describe('capture form parsing', () => {
  it('reads fields and counts non-empty files of a multipart body', () => {
    const body = Buffer.from(
      [
        '--b',
        'Content-Disposition: form-data; name="outcome"',
        '',
        'EXTRACTED',
        '--b',
        'Content-Disposition: form-data; name="file"; filename="a.pdf"',
        'Content-Type: application/pdf',
        '',
        '%PDF-1.4 \r\n binary',
        '--b',
        'Content-Disposition: form-data; name="file"; filename=""',
        'Content-Type: application/octet-stream',
        '',
        '',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const form = parseSubmittedForm('multipart/form-data; boundary=b', body);
    expect(form.fields.get('outcome')).toBe('EXTRACTED');
    expect(form.fileCount).toBe(1);
  });

  it('reads url-encoded forms and refuses other types', () => {
    const form = parseSubmittedForm(
      'application/x-www-form-urlencoded',
      Buffer.from('outcome=UPLOADED&action=submit'),
    );
    expect(Object.fromEntries(form.fields)).toEqual({ outcome: 'UPLOADED', action: 'submit' });
    expect(() => parseSubmittedForm('application/json', Buffer.from('{}'))).toThrow(/Content-Type/);
  });
});
