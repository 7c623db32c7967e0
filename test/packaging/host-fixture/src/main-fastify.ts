import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { startJumioSandbox } from '@jumio-service/sandbox';
import { OnboardingModule } from './onboarding.module';

/** The smallest host: Fastify, no Swagger, no event emitter, no operations module (none installed). */
async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const sandbox = await startJumioSandbox({ port: 0, callbackDelayMs: 0, logger: () => {} });
  const publicUrl = `http://127.0.0.1:${port}`;

  @Module({
    imports: [
      OnboardingModule.register({
        databaseUrl: process.env.DATABASE_URL!,
        jumioUrl: sandbox.url,
        publicUrl,
      }),
    ],
  })
  class AppModule {}

  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  console.log(`ready ${JSON.stringify({ url: publicUrl, sandbox: sandbox.url })}`);
  process.on('SIGTERM', () => void app.close().then(() => sandbox.close()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
