import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Turns environment variables into a validated config object of `schema`.
 * Every bad value is reported, one line each, naming the variable but never echoing secrets.
 */
export function validateConfig<T extends object>(
  schema: new () => T,
  env: Record<string, string | undefined>,
): T {
  const config = plainToInstance(schema, env, { excludeExtraneousValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => message)),
    );
  }
  return config;
}
