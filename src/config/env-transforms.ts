/*
 * class-transformer `@Transform` functions from environment strings. Unset variables never reach
 * them (validateConfig drops empty values), so they only convert; validation says what is wrong.
 */
type Raw = { value: unknown };

/** "true" / "false" to a boolean; anything else is left for `@IsBoolean` to report. */
export const toBool = ({ value }: Raw) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A number; "eighty" becomes NaN, which `@IsInt` reports. */
export const toInt = ({ value }: Raw) => (typeof value === 'string' ? Number(value) : value);

/** "a, b,c" to ["a", "b", "c"]. */
export const toList = ({ value }: Raw) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;
