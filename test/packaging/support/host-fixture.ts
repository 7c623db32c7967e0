import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, '..', 'host-fixture');
const PACKAGES = join(ROOT, 'dist', 'packages');

/** One way a host may be set up: its adapter, its Nest major and what it leaves out. */
export interface HostVariant {
  name: string;
  entry: 'main-express' | 'main-fastify';
  /** Changes to the fixture's dependencies (undefined removes one). */
  dependencies: Record<string, string | undefined>;
  /** Changes to the fixture's compiler options (undefined removes one). */
  compilerOptions?: Record<string, string | undefined>;
}

export interface InstalledHost {
  dir: string;
  start(env: Record<string, string>): Promise<RunningHost>;
}

export interface RunningHost {
  url: string;
  sandboxUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** The tarballs of `npm run pack` (built by `npm test` before Jest; built here when missing). */
export function packedTarballs(): { nestjs: string; sandbox: string } {
  const find = (prefix: string) =>
    readdirSync(PACKAGES).find((file) => file.startsWith(prefix) && file.endsWith('.tgz'));
  if (!existsSync(PACKAGES) || !find('jumio-service-nestjs-') || !find('jumio-service-sandbox-'))
    execFileSync('npm', ['run', 'pack'], { cwd: ROOT, stdio: 'ignore' });
  return {
    nestjs: join(PACKAGES, find('jumio-service-nestjs-')!),
    sandbox: join(PACKAGES, find('jumio-service-sandbox-')!),
  };
}

/**
 * Copies the fixture out of the monorepo (no path aliases, no hoisted node_modules above it), points it at
 * the tarballs, installs it with npm and compiles it with `skipLibCheck: false`. An install is kept in the
 * temp folder per content (fixture + tarballs), so a second run on one machine reuses it.
 */
export function installHost(variant: HostVariant): InstalledHost {
  const tarballs = packedTarballs();
  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  manifest.dependencies['@jumio-service/nestjs'] = `file:${tarballs.nestjs}`;
  manifest.dependencies['@jumio-service/sandbox'] = `file:${tarballs.sandbox}`;
  for (const [name, version] of Object.entries(variant.dependencies)) {
    if (version === undefined) delete manifest.dependencies[name];
    else manifest.dependencies[name] = version;
  }
  const key = createHash('sha256')
    .update(JSON.stringify(manifest))
    .update(readFileSync(tarballs.nestjs))
    .update(readFileSync(tarballs.sandbox))
    .update(readFileSync(join(FIXTURE, 'tsconfig.json')))
    .update(JSON.stringify(variant.compilerOptions ?? {}))
    .digest('hex')
    .slice(0, 12);
  const dir = join(tmpdir(), 'jumio-host-fixtures', `${variant.name}-${key}`);
  const installed = join(dir, '.installed');
  if (!existsSync(installed)) {
    // Older installs of this variant (earlier tarballs) are not needed any more.
    const parent = dirname(dir);
    if (existsSync(parent))
      for (const old of readdirSync(parent))
        if (old.startsWith(`${variant.name}-`))
          rmSync(join(parent, old), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tsconfig = JSON.parse(readFileSync(join(FIXTURE, 'tsconfig.json'), 'utf8')) as {
      files: string[];
      compilerOptions: Record<string, unknown>;
    };
    tsconfig.files = [`src/${variant.entry}.ts`];
    Object.assign(tsconfig.compilerOptions, variant.compilerOptions);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    writeFileSync(installed, new Date().toISOString());
  }
  // The project's own compiler, on the host's sources and the host's node_modules only.
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  cpSync(join(FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
  compile(dir);
  return { dir, start: (env) => startHost(dir, variant.entry, env) };
}

/** The project's own compiler on the host's sources and the host's node_modules only; throws on errors. */
function compile(dir: string): void {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the host does not compile:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

async function startHost(
  dir: string,
  entry: string,
  env: Record<string, string>,
): Promise<RunningHost> {
  const child = spawn(process.execPath, [join(dir, 'dist', `${entry}.js`)], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await new Promise<{ url: string; sandbox: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const check = () => {
      const line = /^ready (.+)$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]) as { url: string; sandbox: string });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url: ready.url,
    sandboxUrl: ready.sandbox,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
