import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from './config/validate-config';
import { startDemoApp } from './demo-app';

startDemoApp(process.env).then(
  ({ url, sandbox }) => {
    const logger = new Logger('Demo');
    logger.log(`Demo onboarding app on ${url} (Swagger UI: ${url}/docs)`);
    if (sandbox) logger.warn(`Using the Jumio SANDBOX at ${sandbox.url}: not Jumio`);
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
