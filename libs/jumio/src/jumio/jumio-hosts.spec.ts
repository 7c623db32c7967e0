import type { JumioModuleOptions } from '../options/jumio.options';
import { JUMIO_CALLBACK_IPS, resolveJumioHosts } from './jumio-hosts';

const options: JumioModuleOptions = {
  apiToken: 't',
  apiSecret: 's',
  userAgent: 'Example Bank App/1.0',
  callbackBaseUrl: 'https://bank.example/api',
};

describe('resolveJumioHosts', () => {
  it('defaults to the US data centre', () => {
    expect(resolveJumioHosts(options)).toEqual({
      netverifyUrl: 'https://netverify.com',
      uploadUrl: 'https://upload.netverify.com',
      retrievalUrl: 'https://retrieval.netverify.com',
    });
  });

  it.each([
    [
      'EU',
      'https://lon.netverify.com',
      'https://upload.lon.netverify.com',
      'https://retrieval.lon.netverify.com',
    ],
    [
      'SG',
      'https://core-sgp.jumio.com',
      'https://upload.core-sgp.jumio.com',
      'https://retrieval.core-sgp.jumio.com',
    ],
  ] as const)('knows the %s hosts', (dataCenter, netverifyUrl, uploadUrl, retrievalUrl) => {
    expect(resolveJumioHosts({ ...options, dataCenter })).toEqual({
      netverifyUrl,
      uploadUrl,
      retrievalUrl,
    });
  });

  it('lets each override replace one host and drops trailing slashes', () => {
    expect(
      resolveJumioHosts({
        ...options,
        dataCenter: 'EU',
        retrievalUrl: 'http://127.0.0.1:4010/jumio/',
      }),
    ).toEqual({
      netverifyUrl: 'https://lon.netverify.com',
      uploadUrl: 'https://upload.lon.netverify.com',
      retrievalUrl: 'http://127.0.0.1:4010/jumio',
    });
  });
});

describe('JUMIO_CALLBACK_IPS', () => {
  it('holds both the legacy and the KYX addresses of each data centre', () => {
    expect(JUMIO_CALLBACK_IPS.US).toEqual(
      expect.arrayContaining(['52.52.51.178', '54.183.15.212']),
    );
    expect(JUMIO_CALLBACK_IPS.US).toHaveLength(9);
    expect(JUMIO_CALLBACK_IPS.EU).toHaveLength(6);
    expect(JUMIO_CALLBACK_IPS.SG).toEqual(expect.arrayContaining(['3.0.109.121', '52.64.132.26']));
    expect(JUMIO_CALLBACK_IPS.SG).toHaveLength(6);
  });

  it('lists only distinct IPv4 addresses', () => {
    for (const ips of Object.values(JUMIO_CALLBACK_IPS)) {
      expect(new Set(ips).size).toBe(ips.length);
      for (const ip of ips) expect(ip).toMatch(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
    }
  });
});
