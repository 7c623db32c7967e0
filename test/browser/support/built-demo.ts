import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '..', '..', '..');

export interface BuiltDemo {
  url: string;
  sandboxUrl: string;
  output(): string;
  close(): Promise<void>;
}

/** The `start` script, `node [--flags] <entry>`: its Node flags and its entry. */
function startScript(): { flags: string[]; entry: string } {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const [command, ...words] = scripts.start.split(' ');
  const flags = words.filter((word) => word.startsWith('--'));
  const [entry, ...rest] = words.filter((word) => !word.startsWith('--'));
  if (command !== 'node' || !entry || rest.length > 0 || scripts.prestart !== 'npm run build')
    throw new Error(`unexpected start scripts: ${scripts.prestart} / ${scripts.start}`);
  return { flags, entry };
}

/** The Node flags of the `start` script (the demo's V8 heap setting), for running the demo as shipped. */
export function demoStartFlags(): string[] {
  return startScript().flags;
}

/**
 * The built demo's entry (`dist/src/main.js`, from the `start` script), built first when dist/ is missing
 * or older than the sources (`npm test` builds before Jest).
 */
export function ensureBuiltDemo(): string {
  const { entry } = startScript();
  if (isStale(join(ROOT, entry)))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  return entry;
}

/**
 * The demo as `npm start` runs it: `prestart` builds, then the `start` script runs the built JavaScript.
 * `npm test` builds before Jest; run alone, this builds when dist/ is missing or older than the sources.
 */
export async function startBuiltDemo(): Promise<BuiltDemo> {
  const entry = ensureBuiltDemo();
  const folder = mkdtempSync(join(tmpdir(), 'jumio-built-demo-'));
  const port = await freePort();
  const sandboxPort = await freePort();
  const child = spawn(process.execPath, [...demoStartFlags(), entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      JUMIO_SANDBOX_PORT: String(sandboxPort),
      DATABASE_PATH: join(folder, 'demo.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        if (!output.includes('Demo onboarding app on')) return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`demo exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    output: () => output,
    close,
  };
}

function isStale(builtEntry: string): boolean {
  let built: number;
  try {
    built = statSync(builtEntry).mtimeMs;
  } catch {
    return true;
  }
  return ['src', 'libs/jumio/src', 'libs/jumio-sandbox/src'].some((folder) =>
    newerThan(join(ROOT, folder), built),
  );
}

function newerThan(folder: string, time: number): boolean {
  return readdirSync(folder, { withFileTypes: true }).some((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time;
  });
}
