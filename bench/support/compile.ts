import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Maps the `@app/...` path aliases to the compiled libraries; preloaded with `node -r`. */
const ALIAS_PRELOAD = `
const Module = require('node:module');
const path = require('node:path');
const ALIASES = [['@app/jumio-sandbox', 'libs/jumio-sandbox/src'], ['@app/jumio', 'libs/jumio/src']];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, target] of ALIASES) {
    if (request === alias || request.startsWith(alias + '/')) {
      request = path.join(__dirname, target + request.slice(alias.length));
      break;
    }
  }
  return resolve.call(this, request, ...rest);
};
`;

export interface CompiledServers {
  /** Path of `bench/servers/<name>.server.js`. */
  entry(name: string): string;
  /** Module preloaded with `node -r`: resolves `@app/...` in the compiled output. */
  preload: string;
  /** NODE_PATH for the compiled output, which lives outside the project: its node_modules. */
  nodePath: string;
  /**
   * The Node flags of the demo's `npm start` in that checkout (e.g. its V8 heap settings), which the
   * servers running the demo app get too: the demo is measured as shipped. BENCH_DEMO_NODE_ARGS
   * replaces them (`BENCH_DEMO_NODE_ARGS=` for none).
   */
  demoNodeArgs: string[];
  remove(): void;
}

/** `node <flags> dist/src/main.js` in package.json's `start` script: the flags. */
export function demoNodeArgs(root: string): string[] {
  const override = process.env.BENCH_DEMO_NODE_ARGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...words] = scripts.start.split(/\s+/);
  return command === 'node' ? words.filter((word) => word.startsWith('--')) : [];
}

/**
 * Compiles the bench servers, the demo app and the libraries to plain JavaScript once per run, so that the
 * servers measured carry no TypeScript compiler in memory (ts-node would add ~50 MB of RSS to each).
 */
export function compileServers(root = ROOT): CompiledServers {
  const outDir = mkdtempSync(join(tmpdir(), 'jumio-bench-build-'));
  const tsc = spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(root, 'bench', 'tsconfig.bench.json'),
      '--outDir',
      outDir,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const entry = (name: string) => join(outDir, 'bench', 'servers', `${name}.server.js`);
  // Type errors elsewhere do not stop the emit; a missing output does.
  if (!existsSync(entry('raw-status')))
    throw new Error(`Compiling the bench servers failed:\n${tsc.stdout}${tsc.stderr}`);
  const preload = join(outDir, 'alias-preload.js');
  writeFileSync(preload, ALIAS_PRELOAD);
  return {
    entry,
    preload,
    nodePath: join(root, 'node_modules'),
    demoNodeArgs: demoNodeArgs(root),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
