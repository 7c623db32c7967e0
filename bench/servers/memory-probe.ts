/**
 * Bench only (never part of the library or the demo): when BENCH_MEMORY_PROBE=1, the bench server
 * answers memory questions on a second port of its own, printed as `MEMORY_PROBE <url>` before the
 * server's `LISTENING` line, so that no probe request goes through the app under test.
 *
 * - `GET /memory`: `process.memoryUsage()`, V8's heap spaces, and `heapUsed` right after each major
 *   (mark-compact) GC so far (`afterMajorGc`, from a `gc` performance observer: no GC is forced).
 * - `GET /memory?gc=1`: the same after a forced full GC (perturbs the run: for diagnostics).
 * - `GET /smaps`: the process's resident memory by kind of mapping (Linux), to tell V8's heap from malloc.
 * - `GET /snapshot?file=<path>`: a full GC, then a heap snapshot written to that file.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import {
  getHeapSpaceStatistics,
  getHeapStatistics,
  setFlagsFromString,
  writeHeapSnapshot,
} from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

/** `global.gc` without starting Node with `--expose-gc` (the flag must be set before the context). */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function startMemoryProbe(): Promise<void> {
  const afterMajorGc: { at: number; heapUsedMb: number }[] = [];
  const started = Date.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind } = (entry as unknown as { detail: { kind: number } }).detail;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      afterMajorGc.push({
        at: (Date.now() - started) / 1000,
        heapUsedMb: process.memoryUsage().heapUsed / MB,
      });
    }
  }).observe({ entryTypes: ['gc'] });

  const memory = () => {
    const usage = process.memoryUsage();
    return {
      at: (Date.now() - started) / 1000,
      rssMb: usage.rss / MB,
      heapTotalMb: usage.heapTotal / MB,
      heapUsedMb: usage.heapUsed / MB,
      externalMb: usage.external / MB,
      arrayBuffersMb: usage.arrayBuffers / MB,
      mallocedMb: getHeapStatistics().malloced_memory / MB,
      spaces: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [
          space.space_name,
          { sizeMb: space.space_size / MB, usedMb: space.space_used_size / MB },
        ]),
      ),
      afterMajorGc,
    };
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://probe');
    let body: unknown;
    if (url.pathname === '/memory') {
      if (url.searchParams.get('gc') === '1') fullGc();
      body = memory();
    } else if (url.pathname === '/smaps') {
      body = residentByMapping();
    } else if (url.pathname === '/snapshot') {
      fullGc();
      body = { file: writeHeapSnapshot(url.searchParams.get('file') ?? undefined), ...memory() };
    } else {
      response.statusCode = 404;
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(body ?? {}));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      console.log(`MEMORY_PROBE http://127.0.0.1:${port}`);
      server.unref();
      resolve();
    });
  });
}

/**
 * Resident MB by mapping from /proc/self/smaps: the brk heap (glibc's main arena), anonymous mappings by
 * size (glibc's other arenas reserve 64 MB each; V8 maps its pages in 256 KB chunks), files (code, libraries).
 */
function residentByMapping(): Record<string, number> {
  const totals: Record<string, number> = {};
  let kind = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      const sizeMb = (parseInt(header[2], 16) - parseInt(header[1], 16)) / MB;
      const name = header[3];
      if (name === '[heap]') kind = 'brk heap';
      else if (name.startsWith('[')) kind = name;
      else if (name) kind = 'files';
      else if (sizeMb >= 32) kind = 'anon >= 32 MB (malloc arenas)';
      else if (sizeMb >= 1) kind = 'anon 1-32 MB';
      else kind = 'anon < 1 MB';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) totals[kind] = (totals[kind] ?? 0) + Number(rss[1]) / 1024;
  }
  return totals;
}
