import type { JumioModuleOptions } from '@app/jumio';
import type { JumioSandboxOptions } from '@app/jumio-sandbox';
import type { DatabaseKind } from './create-test-app';
import { startJumioTestKit, type JumioTestKit } from './jumio-test-kit';

export const KYX_TEST_CLIENT = {
  clientId: 'kyx-e2e-client',
  clientSecret: 'kyx-e2e-secret-never-stored',
};

/** A host app with `platform: 'kyx'` against the sandbox, which serves auth, account and retrieval on one port. */
export function startKyxTestKit(
  database: DatabaseKind,
  options: Partial<JumioModuleOptions> = {},
  sandboxOptions: JumioSandboxOptions = {},
): Promise<JumioTestKit> {
  return startJumioTestKit(
    database,
    (sandboxUrl) => ({
      platform: 'kyx',
      dataCenter: 'EU',
      ...options,
      kyx: {
        ...KYX_TEST_CLIENT,
        authUrl: sandboxUrl,
        accountUrl: sandboxUrl,
        retrievalUrl: sandboxUrl,
      },
    }),
    {
      kyxClientId: KYX_TEST_CLIENT.clientId,
      kyxClientSecret: KYX_TEST_CLIENT.clientSecret,
      ...sandboxOptions,
    },
  );
}
