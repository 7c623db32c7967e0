/**
 * What a background job may log about an unexpected failure: the error's name and its symbolic code
 * (e.g. `QueryFailedError (SQLITE_BUSY)`), never its message. Driver and JSON errors can quote stored
 * values or SQL parameters, which may hold personal data.
 */
export function failureSummary(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return (
    (error instanceof Error ? error.name : 'error') + (typeof code === 'string' ? ` (${code})` : '')
  );
}
