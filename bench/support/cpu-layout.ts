import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Where each process runs. With 2 or more CPUs and `taskset` available: the server under test alone on
 * the last CPU; this process (load generator, sandbox) and PostgreSQL (started from here, so it inherits
 * the affinity) on the others. On one CPU, or without taskset, nothing is pinned and the layout says so.
 */
export interface CpuLayout {
  pinned: boolean;
  /** Prefix for a server's command line, e.g. `['taskset', '-c', '1']`. */
  serverPrefix: string[];
  /**
   * Prefix for a worker-only instance of the results runs: the server's CPU, unless `BENCH_WORKER_CPU`
   * names another (on two CPUs, `BENCH_WORKER_CPU=0` gives the API-only instance CPU 1 alone and puts the
   * worker on CPU 0, with the load generator, the sandbox and PostgreSQL).
   */
  workerPrefix: string[];
  describe: string;
}

export function applyCpuLayout(): CpuLayout {
  const count = cpus().length;
  if (process.env.BENCH_PIN === '0' || count < 2 || !hasTaskset()) {
    return {
      pinned: false,
      serverPrefix: [],
      workerPrefix: [],
      describe: `not pinned (${count} CPU${count === 1 ? '' : 's'}${hasTaskset() ? '' : ', no taskset'}): load generator, server and PostgreSQL share every CPU`,
    };
  }
  const serverCpu = String(count - 1);
  const others = count === 2 ? '0' : `0-${count - 2}`;
  execFileSync('taskset', ['-a', '-cp', others, String(process.pid)], { stdio: 'ignore' });
  const workerCpu = process.env.BENCH_WORKER_CPU ?? serverCpu;
  return {
    pinned: true,
    serverPrefix: ['taskset', '-c', serverCpu],
    workerPrefix: ['taskset', '-c', workerCpu],
    describe:
      `server under test pinned alone to CPU ${serverCpu}; load generator, Jumio sandbox and ` +
      `PostgreSQL pinned to CPU ${others}` +
      (workerCpu === serverCpu ? '' : `; worker-only instances pinned to CPU ${workerCpu}`),
  };
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
