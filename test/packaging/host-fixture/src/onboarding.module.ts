import { Controller, Get, Headers, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  JUMIO_ENTITIES,
  JUMIO_MIGRATIONS,
  JumioModule,
  OnboardingStepService,
  parseEncryptionKeys,
  type OnboardingStepStatus,
} from '@jumio-service/nestjs';

/** The host's onboarding asks the module one question per step. */
@Controller('onboarding')
class OnboardingStepsController {
  constructor(private readonly steps: OnboardingStepService) {}

  @Get('jumio')
  identity(@Headers('x-user-id') userId: string): Promise<OnboardingStepStatus> {
    return this.steps.getStepState(userId, 'JUMIO');
  }
}

/** What a bank's onboarding backend writes to adopt the module (the README's lines). */
@Module({})
export class OnboardingModule {
  static register(env: {
    databaseUrl: string;
    jumioUrl: string;
    publicUrl: string;
  }): DynamicModule {
    return {
      module: OnboardingModule,
      controllers: [OnboardingStepsController],
      exports: [JumioModule],
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: env.databaseUrl,
          entities: JUMIO_ENTITIES,
          migrations: JUMIO_MIGRATIONS,
          migrationsRun: true,
        }),
        JumioModule.forRoot({
          apiToken: 'sandbox-token',
          apiSecret: 'sandbox-secret',
          encryptionKeys: parseEncryptionKeys('k1:' + Buffer.alloc(32, 7).toString('base64')),
          dataCenter: 'EU',
          userAgent: 'Fixture Bank Onboarding/1.0.0',
          netverifyUrl: env.jumioUrl,
          uploadUrl: env.jumioUrl,
          retrievalUrl: env.jumioUrl,
          callbackBaseUrl: env.publicUrl,
          callbackAllowedIps: ['127.0.0.1/32'],
          sandbox: true,
          resolveUserId: (request) => {
            const id = request.headers['x-user-id'];
            return typeof id === 'string' ? id : undefined;
          },
        }),
      ],
    };
  }
}
