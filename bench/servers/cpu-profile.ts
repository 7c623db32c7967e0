import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bench-only CPU profile of a server process (`BENCH_CPU_PROFILE_DIR=<dir>`). `--cpu-prof` writes its
 * profile only when Node exits normally, and the bench stops a server with SIGTERM (then SIGKILL after
 * 5 s, while a draining server is still busy): this profiler is written synchronously on SIGTERM, before
 * the server starts to shut down. Returns what to call on SIGTERM (nothing when not asked for).
 */
export function startCpuProfile(): () => void {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  if (!dir) return () => undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  return () => {
    if (written) return;
    written = true;
    // With a synchronous (in-thread) session the callback runs before post() returns.
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error(`cpu profile not written: ${error.message}`);
      const role = process.env.JUMIO_INSTANCE_ROLE ?? 'all';
      const file = join(dir, `${role}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(result.profile));
      console.log(`CPU PROFILE ${file}`);
    });
  };
}
