import { isIP } from 'node:net';

/*
 * Small checks shared by the option validators. Each returns the problem as a sentence starting with the
 * option's name (dotted for nested options), or undefined when the value is fine. Absent optional values
 * are the caller's business: these checks only look at values that are there.
 */

/** Milliseconds a Node timer can wait; longer delays fire at once (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A number within `range`: a whole one unless `range.fractions` (e.g. retention days may be 0.5).
 */
export function numberProblem(
  name: string,
  value: unknown,
  range: { min: number; max: number; fractions?: boolean },
): string | undefined {
  const wholeNumber = range.fractions !== true;
  if (
    typeof value !== 'number' ||
    !(wholeNumber ? Number.isInteger(value) : Number.isFinite(value)) ||
    value < range.min ||
    value > range.max
  ) {
    return `${name} must be a ${wholeNumber ? 'whole number' : 'number'} from ${range.min} to ${range.max}`;
  }
  return undefined;
}

/** A required, non-blank string. Never echoes the value (credentials go through here). */
export function textProblem(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${name} is required`;
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.trim() === '') return `${name} must not be empty`;
  return undefined;
}

export function booleanProblem(name: string, value: unknown): string | undefined {
  return typeof value === 'boolean' ? undefined : `${name} must be true or false`;
}

export function functionProblem(name: string, value: unknown): string | undefined {
  return typeof value === 'function' ? undefined : `${name} must be a function`;
}

/** The value as an absolute URL, or the problem. */
export function parseAbsoluteUrl(name: string, value: unknown): URL | string {
  if (typeof value !== 'string' || value.trim() === '') return `${name} must be an absolute URL`;
  try {
    return new URL(value);
  } catch {
    return `${name} must be an absolute URL, e.g. https://bank.example`;
  }
}

export function isIpHost(url: URL): boolean {
  return isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
}

export function isLoopbackHost(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Problems of a list option: not an array, or the entries `entryProblem` refuses (each named). */
export function listProblems(
  name: string,
  value: unknown,
  entryProblem: (entry: unknown) => string | undefined,
): string[] {
  if (!Array.isArray(value)) return [`${name} must be an array`];
  return value.flatMap((entry: unknown) => {
    const problem = entryProblem(entry);
    return problem ? [`${name}: ${problem}`] : [];
  });
}

/** `a`, `b` and `c` for a message. */
export function quoted(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
