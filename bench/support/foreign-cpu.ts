import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much CPU other people's processes used while the bench ran: every sample, the machine's busy time
 * (/proc/stat) minus the busy time of this bench's own process tree (itself, its servers, PostgreSQL and
 * its backends; a child's time moves to its parent's `cutime` when it is reaped). The load average
 * cannot tell the two apart: the bench alone keeps it at 1–5 on two CPUs.
 */
export class ForeignCpuSampler {
  private readonly samples: number[] = [];
  private last = readTicks();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 10_000) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** CPUs kept busy by foreign processes, one figure per interval (empty where /proc is missing). */
  stop(): number[] {
    clearInterval(this.timer);
    return this.samples;
  }

  private sample(): void {
    const now = readTicks();
    if (now && this.last) {
      const elapsed = now.machineTotal - this.last.machineTotal;
      const foreign = now.machineBusy - this.last.machineBusy - (now.tree - this.last.tree);
      const cpus = now.cpus;
      if (elapsed > 0) this.samples.push(Math.max(0, (foreign / elapsed) * cpus));
    }
    this.last = now;
  }
}

/** "0.0–0.3 CPUs (median 0.1)"; BUSY when others used more than a fifth of a CPU for half the run. */
export function describeForeignCpu(samples: number[]): string {
  if (samples.length === 0) return 'CPU used by other processes: not measured';
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const busy = median > 0.2;
  return (
    `CPU used by other processes (not this bench's): ${sorted[0].toFixed(1)}–` +
    `${sorted[sorted.length - 1].toFixed(1)} CPUs, median ${median.toFixed(1)}` +
    (busy ? ' (BUSY: other processes competed for the CPUs)' : ' (quiet)')
  );
}

interface Ticks {
  machineBusy: number;
  machineTotal: number;
  cpus: number;
  tree: number;
}

function readTicks(): Ticks | undefined {
  try {
    const stat = readFileSync('/proc/stat', 'utf8').split('\n');
    // user nice system idle iowait irq softirq steal
    const fields = stat[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = fields[3] + fields[4];
    const total = fields.reduce((a, b) => a + b, 0);
    const cpus = stat.filter((line) => /^cpu\d/.test(line)).length;
    return { machineBusy: total - idle, machineTotal: total, cpus, tree: treeTicks(process.pid) };
  } catch {
    return undefined;
  }
}

function treeTicks(root: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      parents.set(pid, Number(fields[1]));
      // utime stime cutime cstime are fields 14–17 of stat, 12–15 after the name.
      ticks.set(pid, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // The process ended while we read.
    }
  }
  let sum = 0;
  for (const [pid, own] of ticks) {
    for (let at: number | undefined = pid; at !== undefined && at > 0; at = parents.get(at)) {
      if (at === root) {
        sum += own;
        break;
      }
    }
  }
  return sum;
}
