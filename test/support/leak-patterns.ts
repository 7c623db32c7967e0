/**
 * What an error body must never carry: stack frames, source paths, SQL or database driver messages.
 * Returns the name of the first pattern found, or undefined.
 */
export function findLeak(body: string): string | undefined {
  const patterns: Array<[string, RegExp]> = [
    ['stack frame', /\bat \S+ \(|\bat (?:async )?\/|\.(?:ts|js):\d+:\d+/],
    ['file path', /\/(?:work|home|root|tmp|usr|app)\/|node_modules|[A-Z]:\\/],
    ['SQL', /\b(?:SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b/i],
    [
      'database error',
      /SQLITE_|QueryFailedError|ECONNREFUSED|relation "|syntax error at|violates|duplicate key/i,
    ],
    ['exception name', /\b(?:RangeError|TypeError|ReferenceError|SyntaxError: Unexpected)\b/],
  ];
  return patterns.find(([, pattern]) => pattern.test(body))?.[0];
}
