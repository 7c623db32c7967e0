import { benchToken } from './bench-token';
import { startBenchSandbox } from './results-fixture';
import { callbackForm } from './callback-form';
import type { CompiledServers } from './compile';
import type { CpuLayout } from './cpu-layout';
import type { BenchDatabase } from './database';
import { measure, type LoadResult, type LoadSpec } from './load';
import { SETTINGS } from './settings';
import { startServer } from './server-process';
import { median, spread } from './stats';

/** Callbacks go to this many seeded transactions (first one applies, later ones are duplicates). */
export const CALLBACK_TRANSACTIONS = 1_000;

const STATUS_TARGET: Record<string, number> = {
  fastify: 0.85,
  bare: 0.85,
  express: 0.45,
  'fastify-before': 0.85,
  'express-before': 0.45,
};
const CALLBACK_TARGET = 0.8;
const STATUS_SCENARIO = '!getScanTransactionStatus';
/** Rows whose p99 is judged: the status read with every server at half its own saturated rate. */
export const isLatencyRow = (row: RatioRow) => row.latencyJudged === true;
export const P99_TARGET_MS = 10;
export const RSS_TARGET_MB = 200;

interface ServerSpec {
  entry: string;
  env: Record<string, string>;
  label: string;
  /** Built from BENCH_COMPARE_TREE rather than this checkout. */
  compare?: boolean;
}

/** The subjects measured against a baseline, in this order. */
const SUBJECTS = ['fastify', 'express', 'bare', 'fastify-api', 'fastify-before', 'express-before'];

function servers(databaseUrl: string, sandboxUrl: string): Record<string, ServerSpec> {
  const env = { DATABASE_URL: databaseUrl };
  const module = { ...env, JUMIO_SANDBOX_URL: sandboxUrl, ...SETTINGS.serverEnv };
  // A/B of Node flags: the compare subjects run with them (the same tree on both sides compares a flag).
  const compared = SETTINGS.compareNodeOptions
    ? { ...module, NODE_OPTIONS: SETTINGS.compareNodeOptions }
    : module;
  return {
    'raw-status': { entry: 'raw-status', env, label: 'raw fastify + pg prepared' },
    'raw-callback': { entry: 'raw-callback', env, label: 'raw fastify + pg insert' },
    fastify: {
      entry: 'module',
      env: { ...module, HTTP_ADAPTER: 'fastify' },
      label: 'demo app (module + ops) on fastify',
    },
    express: {
      entry: 'module',
      env: { ...module, HTTP_ADAPTER: 'express' },
      label: 'demo app (module + ops) on express',
    },
    bare: {
      entry: 'module-bare',
      env: { ...module, HTTP_ADAPTER: 'fastify' },
      label: 'JumioModule alone on fastify',
    },
    'fastify-api': {
      entry: 'module',
      env: { ...module, HTTP_ADAPTER: 'fastify', JUMIO_INSTANCE_ROLE: 'api' },
      label: 'demo app on fastify, API-only instance',
    },
    'fastify-before': {
      entry: 'module',
      env: { ...compared, HTTP_ADAPTER: 'fastify' },
      label: 'BEFORE: demo app on fastify (BENCH_COMPARE_TREE)',
      compare: true,
    },
    'express-before': {
      entry: 'module',
      env: { ...compared, HTTP_ADAPTER: 'express' },
      label: 'BEFORE: demo app on express (BENCH_COMPARE_TREE)',
      compare: true,
    },
  };
}

/** One subject against its baseline: every pair's figures, and the ratios of the pairs. */
export interface RatioRow {
  scenario: string;
  rows: number;
  subject: string;
  isBaseline: boolean;
  runs: LoadResult[];
  /** subject / baseline of the same round, one per pair. */
  ratios: number[];
  /** baseline's server CPU per request / the subject's, same round: the ratio in CPU cost. */
  cpuRatios: number[];
  baselineRequestsPerSecond?: number;
  target?: number;
  /** Requests per second fixed for every run of this row (0 or absent: as fast as answered). */
  rate?: number;
  /** Each server ran at half its own saturated rate: its p99 is judged against the target. */
  latencyJudged?: boolean;
}

export interface RatioVerdict {
  ratio?: number;
  spread?: number;
  reported: boolean;
  why?: string;
}

/** The median ratio, or the reason it is not reported (spread over the limit, too few pairs). */
export function judge(row: RatioRow): RatioVerdict {
  if (row.isBaseline || row.ratios.length === 0) return { reported: false };
  const ratio = median(row.ratios);
  const ratioSpread = spread(row.ratios);
  if (row.ratios.length < 3)
    return { ratio, spread: ratioSpread, reported: false, why: 'fewer than 3 pairs' };
  if (row.rate) {
    const why = `fixed rate (${row.rate} req/s): req/s says nothing, see the CPU-cost ratio`;
    return { ratio, spread: ratioSpread, reported: false, why };
  }
  if (ratioSpread > SETTINGS.maxSpread) {
    return {
      ratio,
      spread: ratioSpread,
      reported: false,
      why: `spread ±${pct(ratioSpread)} wider than ±${pct(SETTINGS.maxSpread)}`,
    };
  }
  return { ratio, spread: ratioSpread, reported: true };
}

const pct = (fraction: number) => `${Math.round(fraction * 100)} %`;

/**
 * Callback ingestion and the status read at each size: rounds of runs, each round the baseline and
 * every subject once, the baseline first in odd rounds and last in even ones (slow drifts of the
 * machine hit both sides alike). Each server runs only for its own measurement.
 */
export async function runRatioBench(
  compiled: CompiledServers,
  layout: CpuLayout,
  database: BenchDatabase,
  onRow: (row: RatioRow) => void,
  compare?: CompiledServers,
): Promise<RatioRow[]> {
  // Jumio is a remote service: its stand-in answers the confirmations' Retrieval API calls from the
  // bench process (CPU 0), not on the server's CPU (the demo's in-process sandbox would bill the fake
  // Jumio's HTTP server to the module). The module's own side of each call (client, HTTP) stays.
  const sandbox = await startBenchSandbox();
  try {
    return await runRounds(compiled, layout, database, onRow, sandbox.url, compare);
  } finally {
    await sandbox.close();
  }
}

async function runRounds(
  compiled: CompiledServers,
  layout: CpuLayout,
  database: BenchDatabase,
  onRow: (row: RatioRow) => void,
  sandboxUrl: string,
  compare?: CompiledServers,
): Promise<RatioRow[]> {
  const specs = servers(database.url, sandboxUrl);
  const subjects = SUBJECTS.filter(
    (name) => SETTINGS.subjects.includes(name) && (compare || !specs[name].compare),
  );
  const rows: RatioRow[] = [];
  const run = async (name: string, load: LoadSpec) => {
    const build = specs[name].compare && compare ? compare : compiled;
    const server = await startServer(
      build,
      layout,
      specs[name].entry,
      specs[name].env,
      specs[name].compare ? SETTINGS.compareNodeArgs : [],
    );
    try {
      return await measure(server, load);
    } finally {
      await server.stop();
    }
  };
  const base = {
    connections: SETTINGS.connections,
    durationSeconds: SETTINGS.durationSeconds,
    warmupSeconds: SETTINGS.warmupSeconds,
    rate: SETTINGS.rate,
  };

  async function scenario(
    title: string,
    size: number,
    baseline: string,
    names: string[],
    loadOf: LoadSpec | ((name: string) => LoadSpec),
    target: (name: string) => number | undefined,
    before?: () => Promise<void>,
    latencyJudged = false,
  ): Promise<Map<string, LoadResult[]>> {
    const load = (name: string) => (typeof loadOf === 'function' ? loadOf(name) : loadOf);
    const byName = new Map<string, LoadResult[]>(
      [baseline, ...names].map((name) => [name, [] as LoadResult[]]),
    );
    for (let round = 0; round < SETTINGS.pairs; round++) {
      const order = round % 2 === 0 ? [baseline, ...names] : [...names, baseline];
      for (const name of order) {
        await before?.();
        const result = await run(name, load(name));
        byName.get(name)!.push(result);
        console.log(
          `  ${title} ${size} round ${round + 1}: ${specs[name].label}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${Math.round(result.maxRssMb)} MB, ${Math.round(result.cpuUsPerRequest)} µs CPU/request`,
        );
      }
    }
    const baselineRuns = byName.get(baseline)!;
    for (const name of [baseline, ...names]) {
      const runs = byName.get(name)!;
      const isBaseline = name === baseline;
      // Rows at each server's own rate compare latencies only: their req/s and CPU ratios mean nothing.
      const compared = !isBaseline && !latencyJudged;
      const row: RatioRow = {
        scenario: title,
        rows: size,
        subject: specs[name].label,
        isBaseline,
        runs,
        ratios: !compared
          ? []
          : runs.map((result, i) => result.requestsPerSecond / baselineRuns[i].requestsPerSecond),
        cpuRatios: !compared
          ? []
          : runs.map((result, i) => baselineRuns[i].cpuUsPerRequest / result.cpuUsPerRequest),
        baselineRequestsPerSecond: !compared
          ? undefined
          : median(baselineRuns.map((result) => result.requestsPerSecond)),
        target: isBaseline ? undefined : target(name),
        rate: load(name).rate,
        latencyJudged,
      };
      rows.push(row);
      onRow(row);
    }
    return byName;
  }

  if (SETTINGS.subjects.includes('baseline')) {
    await database.seedTo(Math.max(CALLBACK_TRANSACTIONS, SETTINGS.sizes[0]));
    await scenario(
      'callback ingestion',
      await database.count(),
      'raw-callback',
      subjects,
      {
        ...base,
        method: 'POST',
        request: () => {
          const i = pick(CALLBACK_TRANSACTIONS);
          return {
            path: `/api/jumio/callback/${benchToken(i)}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: callbackForm(i),
          };
        },
      },
      () => CALLBACK_TARGET,
      () => database.clearInbox(),
    );
    for (const size of SETTINGS.sizes) {
      const started = Date.now();
      await database.seedTo(size);
      console.log(`seeded ${size} transactions (${Math.round((Date.now() - started) / 1000)} s)`);
      const statusLoad: LoadSpec = {
        ...base,
        method: 'GET',
        request: () => ({
          path: '/api/private/jumio/poi/!getScanTransactionStatus',
          headers: { 'x-user-id': `bench-${pick(size)}` },
        }),
      };
      const statusSubjects = subjects.filter((name) => name !== 'fastify-api');
      const saturated = await scenario(
        STATUS_SCENARIO,
        size,
        'raw-status',
        statusSubjects,
        statusLoad,
        (name) => STATUS_TARGET[name],
        // The callback runs leave thousands of postponed callbacks that every module server would
        // otherwise keep retrying (Retrieval API calls to its sandbox) while its status reads are timed.
        () => database.clearInbox(),
      );
      // Latency below saturation, at the first size: a closed loop of 50 saturating connections
      // measures throughput (mean latency = 50 ÷ req/s), not the tail a client sees.
      if (size !== SETTINGS.sizes[0] || SETTINGS.latencyRate === 0 || SETTINGS.rate > 0) continue;
      const halfOwnRate = (name: string) =>
        Math.round(median(saturated.get(name)!.map((run) => run.requestsPerSecond)) / 2);
      // p99 judged with each server at half of its own saturated rate (about half its CPU busy):
      // a shared rate would saturate the slower servers and judge their queue, not their latency.
      await scenario(
        `${STATUS_SCENARIO} at half each server's own saturated rate`,
        size,
        'raw-status',
        statusSubjects,
        (name) => ({ ...statusLoad, rate: halfOwnRate(name) }),
        () => undefined,
        () => database.clearInbox(),
        true,
      );
      // CPU cost at one shared rate (half the raw baseline's): same work at the same pace on every side.
      const rate = SETTINGS.latencyRate > 0 ? SETTINGS.latencyRate : halfOwnRate('raw-status');
      await scenario(
        `${STATUS_SCENARIO} at ${rate} req/s`,
        size,
        'raw-status',
        statusSubjects,
        { ...statusLoad, rate },
        () => undefined,
        () => database.clearInbox(),
      );
    }
  }
  return rows;
}

function pick(count: number): number {
  return 1 + Math.floor(Math.random() * count);
}
