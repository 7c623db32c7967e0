/**
 * Every knob of `npm run bench`, read once from the environment. `BENCH_QUICK=1` (`npm run bench:quick`)
 * gives a smoke test of every scenario in a few minutes; its figures are not meant to be recorded.
 */
const QUICK = process.env.BENCH_QUICK === '1';

const text = (name: string, fallback: string) => process.env[name] ?? fallback;
const number = (name: string, normal: number, quick = normal) =>
  Number(process.env[name] ?? (QUICK ? quick : normal));
const list = (name: string, normal: string, quick = normal) =>
  text(name, QUICK ? quick : normal)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export const SETTINGS = {
  quick: QUICK,
  /** ratios: module vs baselines; results: callback to decision end to end; soak: mixed soak. */
  scenarios: list('BENCH_SCENARIOS', 'ratios,pacing,results,soak'),
  // Ratios (alternating runs of each server and its baseline).
  sizes: list('BENCH_SIZES', '1000,1000000', '1000').map(Number),
  /** Rounds of runs; each round runs the baseline and every subject once (≥ 3 pairs). */
  pairs: number('BENCH_PAIRS', 3),
  durationSeconds: number('BENCH_DURATION', 8, 3),
  warmupSeconds: number('BENCH_WARMUP', 2, 1),
  connections: number('BENCH_CONNECTIONS', 50),
  /**
   * Requests per second for every ratio run (0: as fast as the server answers). On a busy machine a fixed
   * rate that every server reaches makes the servers' CPU per request comparable (same work, same pace).
   */
  rate: number('BENCH_RATE', 0),
  /**
   * Status p99 is judged at a fixed rate below saturation, 50 connections: by default half the raw
   * status baseline's saturated req/s of the same run (about 50 % of its CPU); BENCH_LATENCY_RATE fixes
   * it; 0 skips the latency run.
   */
  latencyRate: number('BENCH_LATENCY_RATE', -1),
  subjects: list('BENCH_SUBJECTS', 'baseline,fastify,express,bare,fastify-api'),
  /** A median ratio is reported only when every pair's ratio is within this fraction of it. */
  maxSpread: number('BENCH_MAX_SPREAD', 0.1),
  // Results end to end.
  callbackRate: number('BENCH_CALLBACK_RATE', 200),
  resultsSeconds: number('BENCH_RESULTS_DURATION', 60, 10),
  /** Shorter runs for the scaling comparisons (worker concurrency, two instances, API + worker). */
  scalingSeconds: number('BENCH_SCALING_DURATION', 20, 5),
  /** Jumio's response time of the Retrieval API, in the sandbox. */
  retrievalDelayMs: number('BENCH_RETRIEVAL_DELAY_MS', 100),
  /** Callback inbox concurrency of the main results run. */
  inboxConcurrency: number('BENCH_INBOX_CONCURRENCY', 32),
  /**
   * Which results runs: main, concurrency, two-instances, api-worker, rate-limits; worker-drain (not by
   * default) measures a worker-only instance's CPU per decision while it drains a filled inbox alone.
   */
  resultsRuns: list('BENCH_RESULTS_RUNS', 'main,concurrency,two-instances,api-worker,rate-limits'),
  concurrencies: list('BENCH_INBOX_CONCURRENCIES', '4,16,32', '4,32').map(Number),
  /** Callbacks per second of the run at Jumio's default rate limits (retrieval 15/s). */
  rateLimitedRate: number('BENCH_RATE_LIMITED_RATE', 30),
  rateLimitedSeconds: number('BENCH_RATE_LIMITED_DURATION', 20, 5),
  // Soak.
  soakSeconds: number('BENCH_SOAK_DURATION', 600, 30),
  /**
   * Another checkout of the project (e.g. `git archive` of the commit before a change, with a
   * node_modules link): its demo app runs as the extra subjects `fastify-before` and `express-before`,
   * in the same alternating rounds, so a change is compared under the same machine noise.
   */
  compareTree: text('BENCH_COMPARE_TREE', ''),
  /** NODE_OPTIONS of the compare subjects only, e.g. `--max-semi-space-size=4`: an A/B of Node flags. */
  compareNodeOptions: text('BENCH_COMPARE_NODE_OPTIONS', ''),
  /**
   * Node command-line flags of the compare subjects only, for V8 flags that NODE_OPTIONS refuses
   * (e.g. `--heap-growing-percent=50`), space-separated.
   */
  compareNodeArgs: text('BENCH_COMPARE_NODE_ARGS', '').split(' ').filter(Boolean),
  /** Extra environment for every module server (e.g. the client's pacing options, once they exist). */
  serverEnv: Object.fromEntries(
    list('BENCH_SERVER_ENV', '').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  ) as Record<string, string>,
};
