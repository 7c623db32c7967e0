/**
 * What the module may log about a failure: the error's name and its symbolic code (e.g.
 * `QueryFailedError (SQLITE_BUSY)`, `JumioError (JUMIO_UNAVAILABLE)`), never its message or stack. Driver
 * and JSON errors can quote stored values or SQL parameters, which may hold personal data. Every log line
 * about a caught error goes through here (failure-summary.spec.ts checks the sources).
 */
export function failureSummary(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return (
    (error instanceof Error ? error.name : 'error') + (typeof code === 'string' ? ` (${code})` : '')
  );
}
