import { Logger } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { StartClaims } from '../start/start-claims';
import { StartClaimRepository } from '../persistence/start-claim.repository';
import { failureSummary } from './failure-summary';

const SOURCE_ROOT = join(__dirname, '..');
const CANARY = 'CANARY Jane Doe 1980-01-01';

/** A log call's text, from `logger.warn(` (any level) to its closing parenthesis. */
const LOG_CALL = /\b(?:logger|Logger)\.(?:log|warn|error|debug|verbose|fatal)\(/g;
/** What puts an error's own text into a log line. */
const RAW_IN_LOG_CALL =
  /\.message\b|\.stack\b|String\(\s*error|\$\{\s*(?:error|err|e)\s*\}|,\s*error\s*\)/;
/** An error's text read in a file that logs (it could be logged a few lines later). */
const RAW_READ =
  /\b(?:error|err|cause|failure)\b[\w?.]*\.(?:message|stack)\b|\)\??\.(?:message|stack)\b/;
/**
 * Reads allowed in files that log, each with its reason: the messages of client errors (JumioError with a
 * public message) are written to be safe to log and to answer (no credentials, bodies or personal data).
 */
const ALLOWED = [
  'common/jumio-exception.filter.ts: logger.warn(`${error.code}: ${error.message}`)',
  'common/jumio-exception.filter.ts: this.logger.warn(`${error.code}: ${error.message}`);',
  'common/jumio-exception.filter.ts: message: mapping.publicMessage ?? error.message,',
];

describe('failureSummary', () => {
  it('names the error and its code, never its message', () => {
    const error = Object.assign(new Error(`duplicate key (${CANARY})`), { code: 'SQLITE_BUSY' });
    expect(failureSummary(error)).toBe('Error (SQLITE_BUSY)');
    expect(failureSummary('just text')).toBe('error');
  });

  it('is how every log line of the module mentions a caught error (no raw message or stack)', () => {
    const offenders = sourceFiles(SOURCE_ROOT).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const name = relative(SOURCE_ROOT, file);
      const inCalls = logCalls(text).filter((call) => RAW_IN_LOG_CALL.test(call));
      const reads = /\bLogger\b/.test(text)
        ? text
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => RAW_READ.test(line) && !line.startsWith('*'))
        : [];
      return [...inCalls, ...reads]
        .map((found) => `${name}: ${found}`)
        .filter((found) => !ALLOWED.includes(found));
    });
    expect(offenders).toEqual([]);
  });

  it('keeps a database message out of the start-claim release warning', async () => {
    const dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
    }).initialize();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await dataSource.query(`CREATE TABLE jumio_start_claim (claim_key varchar PRIMARY KEY,
        owner varchar, request_fingerprint varchar, claimed_until datetime)`);
      await dataSource.query(
        `INSERT INTO jumio_start_claim VALUES ('k', 'o', 'f', '2030-01-01 00:00:00.000')`,
      );
      // The database refuses the delete, quoting a stored value in its message.
      await dataSource.query(`CREATE TRIGGER refuse BEFORE DELETE ON jumio_start_claim
        BEGIN SELECT RAISE(ABORT, '${CANARY}'); END`);
      await new StartClaims(new StartClaimRepository(dataSource)).release({
        key: 'k',
        owner: 'o',
        until: new Date(), // lapsed: not tried again
      });
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines).toEqual([expect.stringMatching(/could not be released.*QueryFailedError/)]);
      expect(lines.join('\n')).not.toContain('CANARY');
    } finally {
      warn.mockRestore();
      await dataSource.destroy();
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function logCalls(text: string): string[] {
  return [...text.matchAll(LOG_CALL)].map((match) => {
    let depth = 0;
    for (let i = match.index + match[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      if (text[i] === ')' && --depth === 0) return text.slice(match.index, i + 1);
    }
    return text.slice(match.index);
  });
}
