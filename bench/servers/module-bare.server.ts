/**
 * JumioModule alone on PostgreSQL (no JumioOpsModule, no demo extras): what the module itself costs,
 * next to `module.server.ts` which adds request ids, the rate-limit guard and the demo's middleware.
 */
import { JUMIO_ENTITIES, JUMIO_MIGRATIONS, JumioModule } from '@app/jumio';
import { startJumioSandbox } from '@app/jumio-sandbox';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';

async function main(): Promise<void> {
  const sandbox = await startJumioSandbox({ logger: () => undefined });
  const fastify = process.env.HTTP_ADAPTER === 'fastify';
  const module = {
    module: class BareHostModule {},
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: process.env.DATABASE_URL,
        entities: [...JUMIO_ENTITIES],
        migrations: [...JUMIO_MIGRATIONS],
        migrationsRun: true,
        logging: false,
      }),
      JumioModule.forRoot({
        apiToken: 'sandbox-token',
        apiSecret: 'sandbox-secret',
        netverifyUrl: sandbox.url,
        uploadUrl: sandbox.url,
        retrievalUrl: sandbox.url,
        userAgent: 'Bench JumioService/0.1.0',
        callbackBaseUrl: 'http://127.0.0.1:1',
        callbackAllowedIps: ['127.0.0.1/32'],
        sandbox: true,
        resolveUserId: (request) => {
          const userId = request.headers['x-user-id'];
          return typeof userId === 'string' ? userId : undefined;
        },
      }),
    ],
  };
  const app = fastify
    ? await NestFactory.create(module, new FastifyAdapter({ maxParamLength: 1000 }), {
        logger: ['error'],
      })
    : await NestFactory.create(module, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  console.log(`LISTENING ${await app.getUrl()}`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => sandbox.close())
        .then(() => process.exit(0)),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
