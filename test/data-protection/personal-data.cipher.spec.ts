import { randomBytes } from 'node:crypto';
import { FieldCipher, FieldDecryptionError } from '@app/jumio/persistence/field-cipher';
import { PersonalDataCipher, withoutImageLinks } from '@app/jumio/persistence/personal-data.cipher';

const cipher = new PersonalDataCipher(
  new FieldCipher({ currentKeyId: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
);

describe('PersonalDataCipher', () => {
  it('seals extracted data for one result row only', () => {
    const sealed = cipher.sealExtractedData('result-1', { firstName: 'CANARYFIRST' })!;
    expect(sealed).not.toContain('CANARYFIRST');
    expect(cipher.openExtractedData('result-1', sealed)).toEqual({ firstName: 'CANARYFIRST' });
    expect(() => cipher.openExtractedData('result-2', sealed)).toThrow(FieldDecryptionError);
    expect(cipher.sealExtractedData('result-1', null)).toBeNull();
    expect(cipher.openExtractedData('result-1', null)).toBeNull();
  });

  it('stores raw callbacks without image links, and reads a purged one as null', () => {
    const sealed = cipher.sealCallbackPayload('inbox-1', {
      idFirstName: 'CANARYFIRST',
      idScanImage: 'https://netverify.com/front',
      livenessImages: '["https://netverify.com/1"]',
      facemap: 'https://netverify.com/facemap',
    });
    expect(cipher.openCallbackPayload('inbox-1', sealed)).toEqual({ idFirstName: 'CANARYFIRST' });
    expect(cipher.openCallbackPayload('inbox-1', '')).toBeNull();
    expect(() => cipher.openCallbackPayload('inbox-2', sealed)).toThrow(FieldDecryptionError);
  });
});

describe('withoutImageLinks', () => {
  it('drops DV image links inside the document JSON string and keeps the rest', () => {
    const form = {
      scanReference: 'ref',
      document: JSON.stringify({
        status: 'EXTRACTED',
        images: ['https://x/1'],
        originalDocument: 'https://x/pdf',
      }),
    };
    expect(JSON.parse(withoutImageLinks(form).document as string)).toEqual({ status: 'EXTRACTED' });
    expect(withoutImageLinks({ document: { images: [], type: 'UB' } })).toEqual({
      document: { type: 'UB' },
    });
    expect(withoutImageLinks({ document: '{not json' })).toEqual({ document: '{not json' });
  });
});
