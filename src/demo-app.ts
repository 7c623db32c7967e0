import { RedactingLogger } from '@app/jumio';
import { RequestIdConsoleLogger } from '@app/jumio/ops';
import { startJumioSandbox, type JumioSandbox } from '@app/jumio-sandbox';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';
import { databaseOptions } from './config/database.options';
import { JumioConfig } from './config/jumio.config';
import {
  jumioModuleOptions,
  SANDBOX_CREDENTIALS,
  SANDBOX_RETRIEVAL_CREDENTIALS,
  SANDBOX_KYX_CLIENT,
} from './config/jumio-module-options';
import { OpsConfig } from './config/ops.config';
import { validateConfig } from './config/validate-config';
import { hardenHttp } from './http-hardening';

export interface DemoApp {
  app: INestApplication;
  /** Where the demo listens, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The in-process Jumio sandbox, when used. */
  sandbox?: JumioSandbox;
  close(): Promise<void>;
}

/** Validates the environment, starts the sandbox if configured, and serves the demo host app. */
export async function startDemoApp(env: Record<string, string | undefined>): Promise<DemoApp> {
  const appConfig = validateConfig(AppConfig, env);
  const jumioConfig = validateConfig(JumioConfig, env);
  const opsConfig = validateConfig(OpsConfig, env);
  const platformCredential =
    jumioConfig.JUMIO_PLATFORM === 'kyx'
      ? jumioConfig.JUMIO_KYX_CLIENT_ID
      : jumioConfig.JUMIO_API_TOKEN;
  const useSandbox = jumioConfig.JUMIO_SANDBOX ?? !platformCredential;

  const sandboxLogger = new Logger('JumioSandbox');
  const sandbox =
    useSandbox && !jumioConfig.JUMIO_SANDBOX_URL
      ? await startJumioSandbox({
          port: jumioConfig.JUMIO_SANDBOX_PORT,
          ...SANDBOX_CREDENTIALS,
          ...SANDBOX_RETRIEVAL_CREDENTIALS,
          kyxClientId: SANDBOX_KYX_CLIENT.clientId,
          kyxClientSecret: SANDBOX_KYX_CLIENT.clientSecret,
          logger: (line) => sandboxLogger.log(line),
        })
      : undefined;

  try {
    // The in-process sandbox, or a shared one at JUMIO_SANDBOX_URL: decided once, above.
    const sandboxUrl = sandbox?.url ?? (useSandbox ? jumioConfig.JUMIO_SANDBOX_URL : undefined);
    return await serveDemo(appConfig, jumioConfig, opsConfig, sandbox, sandboxUrl);
  } catch (error) {
    await sandbox?.close();
    throw error;
  }
}

async function serveDemo(
  appConfig: AppConfig,
  jumioConfig: JumioConfig,
  opsConfig: OpsConfig,
  sandbox: JumioSandbox | undefined,
  sandboxUrl: string | undefined,
): Promise<DemoApp> {
  const appModule = AppModule.register({
    database: databaseOptions(appConfig),
    jumio: jumioModuleOptions(jumioConfig, appConfig, sandboxUrl),
    // The request id reaches every log line only in JSON logs: without them its context is pure cost.
    ops: { accessLog: opsConfig.ACCESS_LOG, requestIdInLogs: opsConfig.LOG_FORMAT === 'json' },
  });
  const logger = new RedactingLogger(
    new RequestIdConsoleLogger({
      json: opsConfig.LOG_FORMAT === 'json',
      logLevels: ['log', 'warn', 'error'],
    }),
  );
  const fastify = opsConfig.HTTP_ADAPTER === 'fastify';
  // maxParamLength: Fastify's default (100) answers longer path parameters with a 414 echoing the path.
  const app = fastify
    ? await NestFactory.create<NestFastifyApplication>(
        appModule,
        new FastifyAdapter({ routerOptions: { maxParamLength: 1000 } }),
        { logger },
      )
    : await NestFactory.create(appModule, { logger });
  // The demo page is served by DemoPageController on both adapters. Swagger UI needs static files, and
  // @fastify/static is not installed: on Fastify only the OpenAPI JSON (/docs-json) is served.
  SwaggerModule.setup(
    'docs',
    app,
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Jumio service')
        .setDescription(
          'Proof of identity (Netverify) and proof of address (Document Verification)',
        )
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-User-Id' }, 'dev-user')
        // "Authorize" once and every try-out sends the dev user (reviewer-… for the review queue).
        .addSecurityRequirements('dev-user')
        .build(),
    ),
    { jsonDocumentUrl: 'docs-json', ui: !fastify },
  );
  hardenHttp(app);
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
