import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Checks a variable with the module's own parser (e.g. `parseCidr`, `parseRetrievalSchedule`), so the
 * demo accepts exactly what JumioModule accepts; the message is the parser's, after the variable's name.
 */
export function ParsedBy(
  parse: (value: string) => unknown,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'parsedBy',
      validator: {
        validate: (value: unknown) => problemOf(parse, value) === undefined,
        defaultMessage: (args) => `${args?.property}: ${problemOf(parse, args?.value)}`,
      },
    },
    validationOptions,
  );
}

/** Each entry of a list variable (see `toList`) with the module's parser; names the first bad entry. */
export function EachParsedBy(
  parse: (value: string) => unknown,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ParsedBy((value) => {
    for (const entry of value as unknown as string[]) parse(entry);
  }, validationOptions);
}

function problemOf(parse: (value: string) => unknown, value: unknown): string | undefined {
  try {
    parse(value as string);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
