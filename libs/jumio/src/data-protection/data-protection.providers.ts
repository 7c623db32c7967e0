import { Logger, type Provider } from '@nestjs/common';
import { JUMIO_MODULE_OPTIONS } from '../options/jumio-module-options.token';
import type { JumioModuleOptions } from '../options/jumio.options';
import { assertAdminRoutesProtected, retentionSettings } from './data-protection.settings';
import { resolveKeyRing, SANDBOX_DEV_KEY_WARNING } from './encryption-keys';
import { ErasureService } from './erasure.service';
import { FieldCipher } from './field-cipher';
import { JumioAdminGuard } from './jumio-admin.guard';
import { PersonalDataCipher } from './personal-data.cipher';
import { PersonalDataPurger } from './personal-data.purger';
import { RetentionService } from './retention.service';

/** Builds the cipher from the options at start-up; every data-protection option is checked here. */
function createFieldCipher(options: JumioModuleOptions): FieldCipher {
  retentionSettings(options);
  assertAdminRoutesProtected(options);
  const { keyRing, isSandboxDevKey } = resolveKeyRing(options);
  if (isSandboxDevKey) new Logger('JumioDataProtection').warn(SANDBOX_DEV_KEY_WARNING);
  return new FieldCipher(keyRing);
}

/** Everything data protection adds to JumioModule's providers. */
export const DATA_PROTECTION_PROVIDERS: Provider[] = [
  { provide: FieldCipher, useFactory: createFieldCipher, inject: [JUMIO_MODULE_OPTIONS] },
  {
    provide: PersonalDataCipher,
    useFactory: (cipher: FieldCipher) => new PersonalDataCipher(cipher),
    inject: [FieldCipher],
  },
  PersonalDataPurger,
  ErasureService,
  RetentionService,
  JumioAdminGuard,
];
