import { JUMIO_DEFAULT_RATE_LIMITS } from '../../libs/jumio-sandbox/src';
import http from 'node:http';
import { callbackForm } from './callback-form';
import type { CompiledServers } from './compile';
import type { CpuLayout } from './cpu-layout';
import type { BenchDatabase } from './database';
import { pacedLoad, send } from './paced-load';
import {
  resetResultsRows,
  resultsToken,
  customerReference,
  resultsUser,
  type ResultsPool,
} from './results-fixture';
import { startServer, type ServerProcess } from './server-process';
import { SETTINGS } from './settings';
import { percentile } from './stats';

export type InstanceRole = 'all' | 'api' | 'worker';

export interface ResultsRunConfig {
  /** main, concurrency, two-instances, api-worker or rate-limits (BENCH_RESULTS_RUNS). */
  kind: string;
  label: string;
  /** `startsAfterLoad`: started when the load has ended (a worker draining a filled inbox alone). */
  instances: { role: InstanceRole; concurrency: number; startsAfterLoad?: boolean }[];
  ratePerSecond: number;
  seconds: number;
  /** Jumio's default rate limits in the sandbox (retrieval 75 / 5 s, initiate 5 / 5 s). */
  jumioRateLimits?: boolean;
  /** Longest wait for the backlog to drain after the load, in seconds. */
  drainTimeoutSeconds: number;
}

export interface ResultsRun {
  config: ResultsRunConfig;
  sent: number;
  answered200: number;
  failed: number;
  ingestedPerSecond: number;
  /** Decisions applied per second while the load ran. */
  decisionsPerSecond: number;
  /** Decisions applied per second over the whole run, load and drain. */
  overallDecisionsPerSecond: number;
  peakBacklog: number;
  backlogAtLoadEnd: number;
  /** Seconds from the end of the load until the backlog was 0 (undefined: not within the timeout). */
  drainSeconds?: number;
  /** Backlog sampled every second from the start of the load. */
  backlogSeries: number[];
  /** Callback answered → decision visible in `!getScanTransactionStatus` (polled, 1 in 25 callbacks). */
  visibleP50Ms: number;
  visibleP99Ms: number;
  visibleSamples: number;
  /** Callback received → decision committed, from the database, every callback. */
  storedP50Ms: number;
  storedP99Ms: number;
  /** Answered 200 but no decision at the end (lost if the backlog drained, else still waiting). */
  undecided: number;
  /** Callbacks applied more than once. */
  appliedTwice: number;
  maxRssMb: number;
  /** Every server's CPU (user + system) from the start of the load to the end, ÷ decisions applied. */
  cpuMsPerDecision: number;
  /** Worker-only instances' CPU ÷ decisions (NaN without one): what a confirmation costs alone. */
  workerCpuMsPerDecision: number;
  /** Every server's CPU after the load ÷ decisions applied after the load (drain window; NaN if none). */
  drainCpuMsPerDecision: number;
}

const POLL_EVERY = 25;
const POLL_INTERVAL_MS = 50;
/**
 * A poller waits 50 ms between reads, or 5 % of the time it has waited so far when that is longer: the
 * figure is still within 5 % (50 ms at least) of the truth, and a backlog of minutes does not turn the
 * pollers into thousands of status reads per second that load the server and PostgreSQL they measure.
 */
const POLL_BACKOFF = 0.05;

/** One end-to-end run: callbacks posted at a steady rate, decisions counted until the backlog is 0. */
export async function runResults(
  compiled: CompiledServers,
  layout: CpuLayout,
  database: BenchDatabase,
  pool: ResultsPool,
  config: ResultsRunConfig,
): Promise<ResultsRun> {
  const total = Math.round(config.ratePerSecond * config.seconds);
  if (total > pool.references.length)
    throw new Error(`results pool too small: ${pool.references.length} < ${total}`);
  await resetResultsRows(database, pool);
  const { control } = pool.sandbox;
  control.reset();
  control.dropCallbacks('all');
  control.setResponseDelay('retrieval', SETTINGS.retrievalDelayMs);
  if (config.jumioRateLimits)
    for (const limit of JUMIO_DEFAULT_RATE_LIMITS) control.setRateLimit(limit);

  const servers: ServerProcess[] = [];
  const start = (instance: ResultsRunConfig['instances'][number]) =>
    startServer(compiled, layout, 'module', {
      ...SETTINGS.serverEnv,
      DATABASE_URL: database.url,
      HTTP_ADAPTER: 'fastify',
      JUMIO_SANDBOX_URL: pool.sandbox.url,
      JUMIO_INSTANCE_ROLE: instance.role,
      JUMIO_CALLBACK_INBOX_CONCURRENCY: String(instance.concurrency),
      // Reconciliation's first re-check after 10 min: only the callbacks are measured.
      JUMIO_RETRIEVAL_SCHEDULE_S: '600',
      // Jumio's documented retrieval limit (75 per 5 s) for the run at Jumio's default rate limits.
      ...(config.jumioRateLimits && { JUMIO_PACING_RETRIEVALS: '75' }),
    });
  try {
    for (const instance of config.instances)
      if (!instance.startsAfterLoad) servers.push(await start(instance));
    const startLate = async () => {
      for (const instance of config.instances)
        if (instance.startsAfterLoad) servers.push(await start(instance));
    };
    return await measureResults(servers, config, database, pool, startLate);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function measureResults(
  servers: ServerProcess[],
  config: ResultsRunConfig,
  database: BenchDatabase,
  pool: ResultsPool,
  startLate: () => Promise<void>,
): Promise<ResultsRun> {
  const front = servers.filter((_, i) => config.instances[i].role !== 'worker');
  const cpu = cpuMeter(servers, config);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sampler = startSampler(database, servers);
  const visible: number[] = [];
  const polls: Promise<void>[] = [];
  const started = Date.now();
  const load = await pacedLoad({
    ratePerSecond: config.ratePerSecond,
    durationSeconds: config.seconds,
    agent,
    next: (n) => ({
      method: 'POST',
      url: `${front[n % front.length].url}/api/jumio/callback/${resultsToken(n)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: callbackForm(n, pool.references[n], customerReference(n)),
    }),
    onAnswer: (n, answer) => {
      if (answer.status === 200 && n % POLL_EVERY === 0)
        polls.push(
          pollUntilVisible(
            front[n % front.length].url,
            n,
            agent,
            visible,
            config.seconds + config.drainTimeoutSeconds,
          ),
        );
    },
  });
  const loadEnd = Date.now();
  const loadSeconds = (loadEnd - started) / 1000;
  const atLoadEnd = await sampler.sampleNow();
  const cpuAtLoadEnd = cpu.total();
  await startLate();
  cpu.total(); // a late worker's clock starts now
  let drainSeconds: number | undefined;
  while (Date.now() - loadEnd < config.drainTimeoutSeconds * 1000) {
    const now = await sampler.sampleNow();
    if (now.backlog === 0 && now.decided >= load.ok) {
      drainSeconds = (Date.now() - loadEnd) / 1000;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const end = await sampler.stop();
  const cpuAtEnd = cpu.total();
  const workerCpuAtEnd = cpu.workers();
  await Promise.all(polls);
  agent.destroy();
  const stored = await database.client.query<{ ms: string }>(
    `SELECT extract(epoch FROM (t.updated_at - i.received_at)) * 1000 AS ms
     FROM jumio_callback_inbox i JOIN jumio_scan_transaction t ON t.id = i.scan_transaction_id
     WHERE i.outcome = 'APPLIED' AND t.user_id LIKE 'e2e-%'`,
  );
  const storedMs = stored.rows.map((row) => Number(row.ms));
  const twice = await database.client.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT scan_transaction_id FROM jumio_callback_inbox
       WHERE outcome = 'APPLIED' GROUP BY scan_transaction_id HAVING count(*) > 1) AS d`,
  );
  return {
    config,
    sent: load.sent,
    answered200: load.ok,
    failed: load.failed,
    ingestedPerSecond: load.ok / loadSeconds,
    decisionsPerSecond: atLoadEnd.decided / loadSeconds,
    overallDecisionsPerSecond: end.decided / ((Date.now() - started) / 1000),
    peakBacklog: Math.max(...sampler.series.map((sample) => sample.backlog)),
    backlogAtLoadEnd: atLoadEnd.backlog,
    drainSeconds,
    backlogSeries: sampler.series.map((sample) => sample.backlog),
    visibleP50Ms: percentile(visible, 50),
    visibleP99Ms: percentile(visible, 99),
    visibleSamples: visible.length,
    storedP50Ms: percentile(storedMs, 50),
    storedP99Ms: percentile(storedMs, 99),
    undecided: Math.max(0, load.ok - end.decided),
    appliedTwice: Number(twice.rows[0].n),
    maxRssMb: sampler.maxRssMb(),
    cpuMsPerDecision: cpuAtEnd / end.decided,
    workerCpuMsPerDecision: cpu.hasWorkers() ? workerCpuAtEnd / end.decided : NaN,
    drainCpuMsPerDecision:
      end.decided > atLoadEnd.decided
        ? (cpuAtEnd - cpuAtLoadEnd) / (end.decided - atLoadEnd.decided)
        : NaN,
  };
}

/**
 * CPU time (ms, user + system) the servers used since the load started: each server's own clock is
 * read when it is first seen (the load's start, or when a late worker started), so start-up is not counted.
 */
function cpuMeter(servers: ServerProcess[], config: ResultsRunConfig) {
  const since = new Map<ServerProcess, number>();
  const used = (server: ServerProcess) => {
    if (!since.has(server)) since.set(server, server.cpuMs());
    return server.cpuMs() - since.get(server)!;
  };
  const isWorker = (server: ServerProcess) =>
    config.instances[servers.indexOf(server)]?.role === 'worker';
  const sum = (list: ServerProcess[]) => list.reduce((total, server) => total + used(server), 0);
  sum(servers);
  return {
    total: () => sum(servers),
    workers: () => sum(servers.filter(isWorker)),
    hasWorkers: () => servers.some(isWorker),
  };
}

/** Polls the user's status until it shows a decision (see POLL_BACKOFF); records ms from the callback's answer. */
async function pollUntilVisible(
  url: string,
  n: number,
  agent: http.Agent,
  into: number[],
  timeoutSeconds: number,
): Promise<void> {
  const answeredAt = Date.now();
  while (Date.now() - answeredAt < timeoutSeconds * 1000) {
    const answer = await send(
      {
        method: 'GET',
        url: `${url}/api/private/jumio/poi/!getScanTransactionStatus`,
        headers: { 'x-user-id': resultsUser(n) },
      },
      agent,
    );
    if (
      answer.status === 200 &&
      (JSON.parse(answer.body) as { verification: unknown }).verification
    ) {
      into.push(Date.now() - answeredAt);
      return;
    }
    const waited = Date.now() - answeredAt;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(POLL_INTERVAL_MS, waited * POLL_BACKOFF)),
    );
  }
}

interface Sample {
  backlog: number;
  decided: number;
}

/** Backlog (callbacks not processed) and decisions applied every second; servers' memory every 200 ms. */
function startSampler(database: BenchDatabase, servers: ServerProcess[]) {
  const series: Sample[] = [];
  let maxRss = 0;
  const sampleNow = async (): Promise<Sample> => {
    const { rows } = await database.client.query<{ backlog: string; decided: string }>(
      `SELECT (SELECT count(*) FROM jumio_callback_inbox WHERE processed_at IS NULL) AS backlog,
              (SELECT count(*) FROM jumio_scan_transaction
                 WHERE user_id LIKE 'e2e-%' AND decision IS NOT NULL) AS decided`,
    );
    return { backlog: Number(rows[0].backlog), decided: Number(rows[0].decided) };
  };
  let sampling = Promise.resolve();
  const every = setInterval(() => {
    sampling = sampling
      .then(async () => void series.push(await sampleNow()))
      .catch(() => undefined);
  }, 1000);
  const memory = setInterval(() => {
    for (const server of servers) maxRss = Math.max(maxRss, server.rssMb());
  }, 200);
  return {
    series,
    sampleNow,
    maxRssMb: () => maxRss,
    stop: async () => {
      clearInterval(every);
      clearInterval(memory);
      await sampling;
      return sampleNow();
    },
  };
}
