import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** One message per variable: its type is checked before its shape and range. */
const CONSTRAINT_ORDER = [
  'isString',
  'isInt',
  'isBoolean',
  'isIn',
  'isUrl',
  'matches',
  'minLength',
  'min',
  'max',
];

function firstProblem(constraints: Record<string, string> = {}): string {
  const rank = (name: string) => {
    const index = CONSTRAINT_ORDER.indexOf(name);
    return index === -1 ? CONSTRAINT_ORDER.length : index;
  };
  const [first] = Object.keys(constraints).sort((a, b) => rank(a) - rank(b));
  return constraints[first];
}

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
  // An empty variable (`PORT=` in a copied .env.example) means "not set": the default applies.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const config = plainToInstance(schema, present, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config);
  if (errors.length > 0)
    throw new ConfigError(errors.map((error) => firstProblem(error.constraints)));
  return config;
}
