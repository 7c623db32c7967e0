import http from 'node:http';
import { freePort } from '../../test/support/free-port';
import { callbackForm } from './callback-form';
import type { CompiledServers } from './compile';
import type { CpuLayout } from './cpu-layout';
import type { BenchDatabase } from './database';
import { pacedLoad, send } from './paced-load';
import {
  customerReference,
  resetResultsRows,
  resultsToken,
  type ResultsPool,
} from './results-fixture';
import { startServer } from './server-process';
import { SETTINGS } from './settings';
import { sampleSoakMemory, type SoakMemory } from './soak-memory';
import { median } from './stats';

export const SOAK_RATES = { statusPerSecond: 100, journeysPerSecond: 1, callbacksPerSecond: 20 };
const MAX_RSS_GROWTH = 0.1;

export interface SoakResult {
  seconds: number;
  adapter: string;
  statusReads: { ok: number; failed: number };
  journeys: { ok: number; failed: number; decided: number };
  callbacks: { ok: number; failed: number };
  /** Median RSS of the first and the last tenth after warm-up, and the growth between them. */
  rssAfterWarmupMb: number;
  rssAtEndMb: number;
  rssGrowth: number;
  maxRssMb: number;
  /** The server's CPU time during the load, in % of one CPU (the load is paced: compare across runs). */
  serverCpuPercent: number;
  /** The live heap (heapUsed after V8's major GCs) and the memory series, from the bench-only probe. */
  memory?: SoakMemory;
  backlogAtEnd: number;
  passed: boolean;
  problems: string[];
}

/**
 * The mixed soak: status reads, full web journeys (start at the module → capture page at the sandbox →
 * the sandbox's callback → retrieval → decision) and bench-posted callbacks, all at steady rates on one
 * demo instance, for BENCH_SOAK_DURATION seconds. Passes with no error, RSS growth ≤ 10 % after the
 * warm-up (the first tenth, at least 10 s), and an empty inbox within 30 s of the end.
 */
export async function runSoak(
  compiled: CompiledServers,
  layout: CpuLayout,
  database: BenchDatabase,
  pool: ResultsPool,
  adapter: 'express' | 'fastify',
): Promise<SoakResult> {
  const seconds = SETTINGS.soakSeconds;
  await resetResultsRows(database, pool);
  const { control } = pool.sandbox;
  control.reset();
  control.setCallbackDelay(1000);
  control.setResponseDelay('retrieval', SETTINGS.retrievalDelayMs);
  const port = await freePort();
  const server = await startServer(compiled, layout, 'module', {
    // The default of 4 confirms ~16-20 callbacks/s with Jumio's 100 ms per call, short of the soak's 21/s.
    JUMIO_CALLBACK_INBOX_CONCURRENCY: String(SETTINGS.inboxConcurrency),
    ...SETTINGS.serverEnv,
    PORT: String(port),
    DATABASE_URL: database.url,
    HTTP_ADAPTER: adapter,
    JUMIO_SANDBOX_URL: pool.sandbox.url,
    JUMIO_RETRIEVAL_SCHEDULE_S: '600',
    BENCH_MEMORY_PROBE: '1',
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rss: { at: number; mb: number }[] = [];
  const started = Date.now();
  const cpuAtStart = server.cpuMs();
  const memory = setInterval(
    () => rss.push({ at: (Date.now() - started) / 1000, mb: server.rssMb() }),
    1000,
  );
  const warmup = Math.max(10, seconds / 10);
  const probe = server.memoryProbeUrl
    ? sampleSoakMemory(server.memoryProbeUrl, warmup, seconds)
    : undefined;
  const journeyUsers: string[] = [];
  const journeys = { ok: 0, failed: 0, decided: 0 };
  /** HTTP status of each failed read and callback (0: no answer, e.g. a reset connection). */
  const failedReadStatuses: number[] = [];
  const failedCallbackStatuses: number[] = [];
  try {
    const [statusReads, , callbacks] = await Promise.all([
      pacedLoad({
        ratePerSecond: SOAK_RATES.statusPerSecond,
        durationSeconds: seconds,
        agent,
        next: () => ({
          method: 'GET',
          url: `${server.url}/api/private/jumio/poi/!getScanTransactionStatus`,
          headers: { 'x-user-id': `bench-${1 + Math.floor(Math.random() * 1000)}` },
        }),
        onAnswer: (_n, answer) => {
          if (answer.status < 200 || answer.status >= 300) failedReadStatuses.push(answer.status);
        },
      }),
      pacedLoad({
        ratePerSecond: SOAK_RATES.journeysPerSecond,
        durationSeconds: seconds,
        agent,
        next: (n) => {
          journeyUsers.push(`soak-${n}`);
          return {
            method: 'POST',
            url: `${server.url}/api/private/jumio/poi/!initiate`,
            headers: { 'x-user-id': `soak-${n}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              successUrl: 'https://bank.example/onboarding/jumio/success',
              errorUrl: 'https://bank.example/onboarding/jumio/error',
            }),
          };
        },
        onAnswer: (_n, answer) => {
          if (answer.status !== 200) return void journeys.failed++;
          const { redirectUrl } = JSON.parse(answer.body) as { redirectUrl: string };
          const token = new URL(redirectUrl).searchParams.get('authorizationToken') ?? '';
          void send(
            {
              method: 'POST',
              url: `${pool.sandbox.url}/sandbox/capture/netverify?authorizationToken=${encodeURIComponent(token)}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'outcome=APPROVED_VERIFIED',
            },
            agent,
          ).then((submitted) => (submitted.status < 400 ? journeys.ok++ : journeys.failed++));
        },
      }),
      pacedLoad({
        ratePerSecond: SOAK_RATES.callbacksPerSecond,
        durationSeconds: seconds,
        agent,
        next: (n) => ({
          method: 'POST',
          url: `${server.url}/api/jumio/callback/${resultsToken(n)}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: callbackForm(n, pool.references[n], customerReference(n)),
        }),
        onAnswer: (_n, answer) => {
          if (answer.status !== 200) failedCallbackStatuses.push(answer.status);
        },
      }),
    ]);
    clearInterval(memory);
    probe?.stop();
    const serverCpuPercent = ((server.cpuMs() - cpuAtStart) / (Date.now() - started)) * 100;
    // The last journeys' callbacks come 1 s after their capture; then the inbox must empty.
    let backlogAtEnd = Number.NaN;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { rows } = await database.client.query<{ backlog: string; decided: string }>(
        `SELECT (SELECT count(*) FROM jumio_callback_inbox WHERE processed_at IS NULL) AS backlog,
                (SELECT count(*) FROM jumio_scan_transaction
                   WHERE user_id LIKE 'soak-%' AND decision IS NOT NULL) AS decided`,
      );
      backlogAtEnd = Number(rows[0].backlog);
      journeys.decided = Number(rows[0].decided);
      if (backlogAtEnd === 0 && journeys.decided >= journeys.ok) break;
    }
    const steady = rss.filter((sample) => sample.at >= warmup);
    const tenth = Math.max(1, Math.floor(steady.length / 10));
    const rssAfterWarmupMb = median(steady.slice(0, tenth).map((sample) => sample.mb));
    const rssAtEndMb = median(steady.slice(-tenth).map((sample) => sample.mb));
    const rssGrowth = rssAtEndMb / rssAfterWarmupMb - 1;
    const problems = [
      statusReads.failed > 0 &&
        `${statusReads.failed} status reads failed (HTTP ${failedReadStatuses.join(', ')})`,
      journeys.failed > 0 && `${journeys.failed} journeys failed`,
      callbacks.failed > 0 &&
        `${callbacks.failed} callbacks not answered 200 (HTTP ${failedCallbackStatuses.join(', ')})`,
      journeys.decided < journeys.ok &&
        `${journeys.ok - journeys.decided} journeys without a decision`,
      rssGrowth > MAX_RSS_GROWTH && `RSS grew ${Math.round(rssGrowth * 100)} % after warm-up`,
      backlogAtEnd !== 0 && `backlog ${backlogAtEnd} at the end`,
    ].filter((problem): problem is string => typeof problem === 'string');
    const liveHeap = await probe?.summary().catch(() => undefined);
    if (liveHeap && liveHeap.liveHeapGrowth > MAX_RSS_GROWTH)
      problems.push(`live heap grew ${Math.round(liveHeap.liveHeapGrowth * 100)} % after warm-up`);
    return {
      seconds,
      adapter,
      statusReads,
      journeys,
      callbacks,
      rssAfterWarmupMb,
      rssAtEndMb,
      rssGrowth,
      maxRssMb: Math.max(...rss.map((sample) => sample.mb)),
      serverCpuPercent,
      memory: liveHeap,
      backlogAtEnd,
      passed: problems.length === 0,
      problems,
    };
  } finally {
    clearInterval(memory);
    probe?.stop();
    agent.destroy();
    await server.stop();
  }
}
