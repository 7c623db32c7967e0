import { Logger, type Provider } from '@nestjs/common';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { SANDBOX_DEV_KEY_WARNING } from './encryption-keys';
import { ErasureService } from './erasure.service';
import { FieldCipher } from '../persistence/field-cipher';
import { JumioAdminGuard } from './jumio-admin.guard';
import { PersonalDataCipher } from '../persistence/personal-data.cipher';
import { PersonalDataPurger } from './personal-data.purger';
import { RetentionService } from './retention.service';

/** Builds the cipher at start-up, warning loudly when it runs on the sandbox's public key. */
function createFieldCipher({ dataProtection }: JumioSettings): FieldCipher {
  if (dataProtection.isSandboxDevKey) {
    new Logger('JumioDataProtection').warn(SANDBOX_DEV_KEY_WARNING);
  }
  return new FieldCipher(dataProtection.keyRing);
}

/** Everything data protection adds to JumioModule's providers. */
export const DATA_PROTECTION_PROVIDERS: Provider[] = [
  { provide: FieldCipher, useFactory: createFieldCipher, inject: [JUMIO_SETTINGS] },
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
