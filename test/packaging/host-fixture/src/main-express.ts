import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  eventEmitterName,
  ScanTransactionEvents,
  type ScanTransactionEvent,
} from '@jumio-service/nestjs';
import { JumioOpsModule } from '@jumio-service/nestjs/ops';
import { startJumioSandbox } from '@jumio-service/sandbox';
import { OnboardingModule } from './onboarding.module';

/** The host's own reaction to results: both ways the module offers. */
@Injectable()
class ResultListener {
  constructor(events: ScanTransactionEvents) {
    events.subscribe((event: ScanTransactionEvent) => console.log(`subscribed ${event.type}`));
  }
  @OnEvent(eventEmitterName('verified'))
  onVerified(event: ScanTransactionEvent): void {
    console.log(`emitted ${event.type} ${event.stepCode}`);
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => {} });
  const publicUrl = `http://127.0.0.1:${port}`;

  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      OnboardingModule.register({
        databaseUrl: process.env.DATABASE_URL!,
        jumioUrl: sandbox.url,
        publicUrl,
      }),
      JumioOpsModule.forRoot(),
    ],
    providers: [ResultListener],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  SwaggerModule.setup(
    'docs',
    app,
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Fixture bank').build()),
  );
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  console.log(`ready ${JSON.stringify({ url: publicUrl, sandbox: sandbox.url })}`);
  process.on('SIGTERM', () => void app.close().then(() => sandbox.close()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
