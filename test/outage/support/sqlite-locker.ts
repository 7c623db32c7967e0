import { spawn, type ChildProcess } from 'node:child_process';

export interface SqliteLock {
  release(): Promise<void>;
}

/**
 * Another process takes an exclusive lock on a SQLite file (`BEGIN EXCLUSIVE`, as a backup tool or a
 * stray `sqlite3` shell would) and holds it until released (or for `maxMs` at most).
 */
export async function lockSqliteFile(path: string, maxMs = 60_000): Promise<SqliteLock> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    const end = () => { db.exec('ROLLBACK'); db.close(); process.exit(0); };
    process.stdin.on('data', end);
    setTimeout(end, Number(process.argv[2]));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, path, String(maxMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SQLite locker exited early (${code})`)));
    child.stdout!.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  return {
    release: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.write('x');
      }),
  };
}
