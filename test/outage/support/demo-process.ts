import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { demoStartFlags, ensureBuiltDemo } from '../../browser/support/built-demo';

const ROOT = join(__dirname, '..', '..', '..');

export interface DemoProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hook runs, nothing is released. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
}

/**
 * The demo app in its own process, as `npm start` runs it (the built `dist/src/main.js`), with `env` on
 * top of a minimal environment. Resolves once it listens.
 */
export async function startDemoProcess(
  port: number,
  env: Record<string, string>,
): Promise<DemoProcess> {
  const child = spawn(process.execPath, [...demoStartFlags(), join(ROOT, ensureBuiltDemo())], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ACCESS_LOG: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Demo onboarding app on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${child.exitCode ?? child.signalCode}):\n${output}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
