import http from 'node:http';
import { join } from 'node:path';
import { median } from './stats';

/** What the server's bench-only memory probe answers (bench/servers/memory-probe.ts). */
export interface MemorySample {
  at: number;
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  mallocedMb: number;
  spaces: Record<string, { sizeMb: number; usedMb: number }>;
  afterMajorGc: { at: number; heapUsedMb: number }[];
}

/** The soak's memory beyond RSS: is the live heap growing (a leak) or only V8's heap size? */
export interface SoakMemory {
  /** Median `heapUsed` right after V8's own major GCs in the first and the last tenth after warm-up. */
  liveHeapAfterWarmupMb: number;
  liveHeapAtEndMb: number;
  liveHeapGrowth: number;
  majorGcs: number;
  /** `heapUsed` after a forced full GC once the load and the drain are over. */
  heapAfterFullGcAtEndMb: number;
  /** Every minute: RSS / heapTotal / heapUsed / external + array buffers, in MB. */
  series: string[];
  snapshots: string[];
  /** Resident MB by kind of mapping at the end of the load (before the forced GC). */
  residentByMapping: Record<string, number>;
}

export function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(JSON.parse(body) as T));
      })
      .on('error', reject);
  });
}

/**
 * Polls the probe every 5 s during the soak. With BENCH_SOAK_SNAPSHOTS=<dir>, writes heap snapshots
 * (each after a forced full GC, which perturbs RSS: diagnostics only) at the end of the warm-up, in the
 * middle and at the end of the load, to compare retained objects by constructor.
 */
export function sampleSoakMemory(probeUrl: string, warmupSeconds: number, seconds: number) {
  const samples: MemorySample[] = [];
  const snapshots: string[] = [];
  const started = Date.now();
  /** The probe's clock (seconds since the server started) minus the soak's (since the load started). */
  let probeOffset = 0;
  const snapshotDir = process.env.BENCH_SOAK_SNAPSHOTS;
  const timers: NodeJS.Timeout[] = [
    setInterval(() => {
      getJson<MemorySample>(`${probeUrl}/memory`).then(
        (sample) => {
          if (samples.length === 0) probeOffset = sample.at - (Date.now() - started) / 1000;
          samples.push(sample);
        },
        () => undefined,
      );
    }, 5000),
  ];
  if (snapshotDir) {
    for (const [name, at] of [
      ['warmup', warmupSeconds],
      ['middle', (warmupSeconds + seconds) / 2],
      ['end', seconds - 1],
    ] as const) {
      timers.push(
        setTimeout(() => {
          const file = join(snapshotDir, `soak-${name}-${Date.now()}.heapsnapshot`);
          getJson<MemorySample>(`${probeUrl}/snapshot?file=${encodeURIComponent(file)}`).then(
            (sample) =>
              snapshots.push(
                `${name} (${Math.round(sample.at)} s): ${file}, heapUsed after full GC ${sample.heapUsedMb.toFixed(1)} MB, RSS ${Math.round(sample.rssMb)} MB`,
              ),
            () => undefined,
          );
        }, at * 1000),
      );
    }
  }
  return {
    stop(): void {
      for (const timer of timers) clearTimeout(timer);
    },
    /** Called after the load and the drain: forces one full GC (nothing is measured after it). */
    async summary(): Promise<SoakMemory> {
      const residentByMapping = await getJson<Record<string, number>>(`${probeUrl}/smaps`);
      const last = await getJson<MemorySample>(`${probeUrl}/memory?gc=1`);
      const loadStart = probeOffset;
      const steady = last.afterMajorGc.filter(
        (gc) => gc.at - loadStart >= warmupSeconds && gc.at - loadStart <= seconds,
      );
      const tenth = (seconds - warmupSeconds) / 10;
      const first = steady.filter((gc) => gc.at - loadStart < warmupSeconds + tenth);
      const final = steady.filter((gc) => gc.at - loadStart > seconds - tenth);
      // Too few major GCs in a tenth: the first and last five of the steady state.
      const before = median(
        (first.length >= 3 ? first : steady.slice(0, 5)).map((gc) => gc.heapUsedMb),
      );
      const after = median(
        (final.length >= 3 ? final : steady.slice(-5)).map((gc) => gc.heapUsedMb),
      );
      const mb = (value: number) => Math.round(value);
      const series = samples
        .filter((_, i) => i % 12 === 0 || i === samples.length - 1)
        .map(
          (sample) =>
            `${mb(sample.at - loadStart)} s: ${mb(sample.rssMb)}/${mb(sample.heapTotalMb)}/${mb(sample.heapUsedMb)}/${mb(sample.externalMb + sample.arrayBuffersMb)}/${mb(sample.mallocedMb)}`,
        );
      return {
        liveHeapAfterWarmupMb: before,
        liveHeapAtEndMb: after,
        liveHeapGrowth: after / before - 1,
        majorGcs: steady.length,
        heapAfterFullGcAtEndMb: last.heapUsedMb,
        series,
        snapshots,
        residentByMapping,
      };
    },
  };
}
