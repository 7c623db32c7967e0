import type { ScanTransaction } from '../../persistence/scan-transaction.entity';
import { acquisitionRequest, initiateRequest } from './jumio-start.requests';

describe('legacy start requests: the web link lifetime in the unit of each Jumio API', () => {
  const tx = {
    customerInternalReference: 'cir-1',
    userReference: 'user-ref-1',
    locale: 'en-GB',
  } as ScanTransaction;
  const urls = { successUrl: 'https://bank.example/ok', errorUrl: 'https://bank.example/error' };
  const settings = {
    callbackUrl: 'https://bank.example/api/jumio/callback/t0k3n',
    tokenLifetimeMs: 45 * 60_000,
    workflowId: 200,
  };

  it('Netverify initiate: minutes, hyphenated locale', () => {
    expect(initiateRequest(tx, urls, settings)).toMatchObject({
      tokenLifetimeInMinutes: 45,
      locale: 'en-GB',
    });
  });

  it('Document Verification acquisition: seconds, underscored locale', () => {
    const body = acquisitionRequest(tx, { ...urls, documentType: 'BS', country: 'DEU' }, settings);
    expect(body).toMatchObject({ authorizationTokenLifetime: 2700, locale: 'en_GB' });
  });
});
