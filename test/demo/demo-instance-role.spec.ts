import { AppConfig } from '../../src/config/app.config';
import { JumioConfig } from '../../src/config/jumio.config';
import { jumioModuleOptions } from '../../src/config/jumio-module-options';
import { ConfigError, validateConfig } from '../../src/config/validate-config';

describe('demo configuration: instance role, inbox concurrency, shared sandbox', () => {
  it('passes the role and the concurrency to the module', () => {
    const jumio = validateConfig(JumioConfig, {
      JUMIO_INSTANCE_ROLE: 'worker',
      JUMIO_CALLBACK_INBOX_CONCURRENCY: '32',
      JUMIO_BACKGROUND_POOL_SIZE: '12',
      JUMIO_SANDBOX_URL: 'http://127.0.0.1:4999',
    });
    const options = jumioModuleOptions(
      jumio,
      validateConfig(AppConfig, {}),
      'http://127.0.0.1:4999',
    );
    expect(options.instanceRole).toBe('worker');
    expect(options.callbackInboxConcurrency).toBe(32);
    expect(options.backgroundPoolSize).toBe(12);
    expect(options.retrievalUrl).toBe('http://127.0.0.1:4999');
  });

  it('names each bad value', () => {
    try {
      validateConfig(JumioConfig, {
        JUMIO_INSTANCE_ROLE: 'everything',
        JUMIO_CALLBACK_INBOX_CONCURRENCY: '0',
        JUMIO_BACKGROUND_POOL_SIZE: '101',
        JUMIO_SANDBOX_URL: 'not a url',
      });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual(
        expect.arrayContaining([
          'JUMIO_INSTANCE_ROLE must be one of all, api, worker',
          'JUMIO_CALLBACK_INBOX_CONCURRENCY must be between 1 and 256',
          'JUMIO_BACKGROUND_POOL_SIZE must be between 0 and 100',
          'JUMIO_SANDBOX_URL must be an absolute http(s) URL',
        ]),
      );
    }
  });
});
