import type { JumioModuleOptions } from '../options/jumio.options';
import { isFetchableJumioImageUrl } from './jumio-image-url.policy';

const base: JumioModuleOptions = {
  apiToken: 't',
  apiSecret: 's',
  userAgent: 'Bank App/1.0',
  callbackBaseUrl: 'https://bank.example',
};

describe('isFetchableJumioImageUrl', () => {
  it.each<[string, unknown, Partial<JumioModuleOptions>, boolean]>([
    [
      'NV image on the US core host',
      'https://netverify.com/recognition/v1/idscan/abc/front',
      {},
      true,
    ],
    [
      'DV page on the US retrieval host',
      'https://retrieval.netverify.com/api/netverify/v2/documents/abc/pages/1',
      {},
      true,
    ],
    [
      'EU host while configured for US',
      'https://lon.netverify.com/recognition/v1/idscan/abc/front',
      {},
      false,
    ],
    [
      'EU host for EU',
      'https://retrieval.lon.netverify.com/api/netverify/v2/documents/abc/pages/1',
      { dataCenter: 'EU' },
      true,
    ],
    ['look-alike host', 'https://netverify.com.evil.example/front', {}, false],
    ['subdomain that is not a Jumio API host', 'https://evil.netverify.com/front', {}, false],
    ['plain http', 'http://netverify.com/recognition/v1/idscan/abc/front', {}, false],
    ['another port', 'https://netverify.com:8443/front', {}, false],
    ['userinfo trick', 'https://netverify.com@evil.example/front', {}, false],
    ['credentials in the URL', 'https://user:pw@netverify.com/front', {}, false],
    ['not a URL', 'netverify.com/front', {}, false],
    ['not a string', 42, {}, false],
    [
      'the sandbox host when overridden',
      'http://127.0.0.1:4010/api/netverify/v2/documents/abc/pages/1',
      { retrievalUrl: 'http://127.0.0.1:4010' },
      true,
    ],
    [
      'the real host once overridden',
      'https://retrieval.netverify.com/x',
      {
        netverifyUrl: 'http://127.0.0.1:4010',
        uploadUrl: 'http://127.0.0.1:4010',
        retrievalUrl: 'http://127.0.0.1:4010',
      },
      false,
    ],
  ])('%s', (_case, url, options, expected) => {
    expect(isFetchableJumioImageUrl(url, { ...base, ...options })).toBe(expected);
  });
});
