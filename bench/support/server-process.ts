import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledServers } from './compile';
import type { CpuLayout } from './cpu-layout';

const ROOT = join(__dirname, '..', '..');

/** The servers that run the demo app (src/demo-app.ts): they get the flags of its `npm start`. */
const DEMO_SERVERS = new Set(['module', 'pacing']);

export interface ServerProcess {
  url: string;
  pid: number;
  /** The bench-only memory probe of the server (BENCH_MEMORY_PROBE=1), see bench/servers/memory-probe.ts. */
  memoryProbeUrl?: string;
  /** Resident set size of the server process now, in MB (Linux /proc). */
  rssMb(): number;
  /** CPU time the server process has used so far (user + system), in ms (Linux /proc, 10 ms steps). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Starts the compiled `bench/servers/<name>.server.ts` in its own Node process and waits for its
 * `LISTENING <url>` line. A process of its own, so that its memory is measured alone and the load
 * generator does not share its event loop.
 */
export function startServer(
  compiled: CompiledServers,
  layout: CpuLayout,
  name: string,
  env: Record<string, string>,
  /** Node flags of this server only (e.g. the compare subjects' BENCH_COMPARE_NODE_ARGS). */
  serverNodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  // BENCH_NODE_ARGS: extra Node flags for the servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = [
    ...(DEMO_SERVERS.has(name) ? compiled.demoNodeArgs : []),
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...serverNodeArgs,
  ];
  const [command, ...args] = [
    ...(env.JUMIO_INSTANCE_ROLE === 'worker' ? layout.workerPrefix : layout.serverPrefix),
    process.execPath,
    ...nodeArgs,
    '-r',
    compiled.preload,
    compiled.entry(name),
  ];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_PATH: compiled.nodePath, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within 60 s:\n${output}`)),
      60_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.on('exit', (code) => fail(new Error(`${name} exited with ${code}:\n${output}`)));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.stderr.removeAllListeners('data');
      child.stderr.resume();
      resolve({
        url: match[1],
        pid: child.pid!,
        memoryProbeUrl: /MEMORY_PROBE (\S+)/.exec(output)?.[1],
        rssMb: () => rssMb(child.pid!),
        cpuMs: () => cpuMs(child.pid!),
        stop: () => stop(child),
      });
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
