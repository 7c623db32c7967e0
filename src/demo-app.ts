import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';
import { databaseOptions } from './config/database.options';
import { JumioConfig } from './config/jumio.config';
import { validateConfig } from './config/validate-config';

export interface DemoApp {
  app: INestApplication;
  /** Where the demo listens, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The in-process Jumio sandbox, when used. */
  sandbox?: JumioSandbox;
  close(): Promise<void>;
}

const SANDBOX_TOKEN = 'sandbox-token';
const SANDBOX_SECRET = 'sandbox-secret';

/** Validates the environment, starts the sandbox if configured, and serves the demo host app. */
export async function startDemoApp(env: Record<string, string | undefined>): Promise<DemoApp> {
  const appConfig = validateConfig(AppConfig, env);
  const jumioConfig = validateConfig(JumioConfig, env);
  const useSandbox = jumioConfig.JUMIO_SANDBOX ?? !jumioConfig.JUMIO_API_TOKEN;

  const sandbox = useSandbox
    ? await startJumioSandbox({
        port: jumioConfig.JUMIO_SANDBOX_PORT,
        apiToken: SANDBOX_TOKEN,
        apiSecret: SANDBOX_SECRET,
      })
    : undefined;

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      database: databaseOptions(appConfig),
      jumio: {
        apiToken: sandbox ? SANDBOX_TOKEN : jumioConfig.JUMIO_API_TOKEN!,
        apiSecret: sandbox ? SANDBOX_SECRET : jumioConfig.JUMIO_API_SECRET!,
        dataCenter: jumioConfig.JUMIO_DATACENTER,
        netverifyUrl: sandbox?.url ?? jumioConfig.JUMIO_NETVERIFY_URL,
        uploadUrl: sandbox?.url ?? jumioConfig.JUMIO_UPLOAD_URL,
        retrievalUrl: sandbox?.url ?? jumioConfig.JUMIO_RETRIEVAL_URL,
        userAgent: jumioConfig.JUMIO_USER_AGENT,
        callbackBaseUrl:
          jumioConfig.JUMIO_CALLBACK_BASE_URL ?? `http://127.0.0.1:${appConfig.PORT}`,
        callbackAllowedIps: jumioConfig.JUMIO_CALLBACK_ALLOWED_IPS,
        sandbox: Boolean(sandbox),
      },
    }),
    { logger: ['log', 'warn', 'error'] },
  );
  app.useStaticAssets(join(__dirname, 'public'));
  SwaggerModule.setup(
    'docs',
    app,
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Jumio service')
        .setDescription('Proof of identity (Netverify) and proof of address (Document Verification)')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-User-Id' }, 'dev-user')
        .build(),
    ),
    { jsonDocumentUrl: 'docs-json' },
  );
  app.enableShutdownHooks();
  await app.listen(appConfig.PORT, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    sandbox,
    close: async () => {
      await app.close();
      await sandbox?.close();
    },
  };
}
