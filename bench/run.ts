/**
 * `npm run bench`: trustworthy ratios (each server against its baseline in alternating runs, medians
 * with spreads), results end to end (callback → decision) and the mixed soak; prints the tables and
 * records them in bench/README.md. Not part of `npm test`. Every knob: bench/support/settings.ts and
 * bench/README.md. `npm run bench:quick` smoke-tests every scenario in a few minutes.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { compileServers } from './support/compile';
import { applyCpuLayout } from './support/cpu-layout';
import { startBenchDatabase } from './support/database';
import { describeForeignCpu, ForeignCpuSampler } from './support/foreign-cpu';
import { describeMachine } from './support/machine';
import { formatPacing, runPacingScenario, type PacingResult } from './support/pacing-scenario';
import { runRatioBench, type RatioRow } from './support/ratio-bench';
import { formatMachine, formatRatioTable, refusals, writeReadme } from './support/report';
import { runResults, type ResultsRun, type ResultsRunConfig } from './support/results-bench';
import { startResultsPool, type ResultsPool } from './support/results-fixture';
import { formatResultsTable, formatSoak, resultsVerdicts } from './support/results-report';
import { SETTINGS } from './support/settings';
import { runSoak, SOAK_RATES, type SoakResult } from './support/soak';

function resultsRuns(): ResultsRunConfig[] {
  const rate = SETTINGS.callbackRate;
  const main = SETTINGS.inboxConcurrency;
  const drain = SETTINGS.quick ? 30 : 60;
  const runs: ResultsRunConfig[] = [
    {
      kind: 'main',
      label: 'main',
      instances: [{ role: 'all', concurrency: main }],
      ratePerSecond: rate,
      seconds: SETTINGS.resultsSeconds,
      drainTimeoutSeconds: drain,
    },
    ...SETTINGS.concurrencies.map((concurrency): ResultsRunConfig => ({
      kind: 'concurrency',
      label: `concurrency ${concurrency}`,
      instances: [{ role: 'all', concurrency }],
      ratePerSecond: rate,
      seconds: SETTINGS.scalingSeconds,
      drainTimeoutSeconds: drain,
    })),
    {
      kind: 'two-instances',
      label: 'two instances, one PostgreSQL',
      instances: [
        { role: 'all', concurrency: main },
        { role: 'all', concurrency: main },
      ],
      ratePerSecond: rate,
      seconds: SETTINGS.scalingSeconds,
      drainTimeoutSeconds: drain,
    },
    {
      kind: 'api-worker',
      label: 'API-only + worker-only',
      instances: [
        { role: 'api', concurrency: main },
        { role: 'worker', concurrency: main },
      ],
      ratePerSecond: rate,
      seconds: SETTINGS.scalingSeconds,
      drainTimeoutSeconds: drain,
    },
    {
      // The confirmation's CPU alone: an API-only instance stores the callbacks, and a worker-only
      // instance started when the load ends drains them (its CPU ÷ decisions, nothing else on it).
      kind: 'worker-drain',
      label: 'worker-only draining a filled inbox',
      instances: [
        { role: 'api', concurrency: main },
        { role: 'worker', concurrency: main, startsAfterLoad: true },
      ],
      ratePerSecond: rate,
      seconds: SETTINGS.scalingSeconds,
      drainTimeoutSeconds: drain,
    },
    {
      kind: 'rate-limits',
      label: "Jumio's default rate limits",
      instances: [{ role: 'all', concurrency: main }],
      ratePerSecond: SETTINGS.rateLimitedRate,
      seconds: SETTINGS.rateLimitedSeconds,
      jumioRateLimits: true,
      drainTimeoutSeconds: SETTINGS.quick ? 60 : 180,
    },
  ];
  return runs.filter((config) => SETTINGS.resultsRuns.includes(config.kind));
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const layout = applyCpuLayout();
  console.log(formatMachine(machine, `CPU layout: ${layout.describe}.`));
  // The 1-minute load average, every 10 s, for the record; whether the machine was shared is told by the
  // CPU that processes outside this bench's own tree used (pinning keeps the bench's processes apart,
  // not other people's).
  const loads: number[] = [];
  const loadSampler = setInterval(() => loads.push(loadavg()[0]), 10_000);
  loadSampler.unref();
  const foreignCpu = new ForeignCpuSampler();
  const compiled = compileServers();
  const compare = SETTINGS.compareTree ? compileServers(SETTINGS.compareTree) : undefined;
  const database = await startBenchDatabase();
  let pool: ResultsPool | undefined;
  const ratioRows: RatioRow[] = [];
  const results: ResultsRun[] = [];
  let soak: SoakResult | undefined;
  let pacing: PacingResult | undefined;
  try {
    if (SETTINGS.scenarios.includes('pacing')) {
      pacing = await runPacingScenario(compiled, layout, { DATABASE_URL: database.url });
      console.log(formatPacing(pacing));
    }
    if (SETTINGS.scenarios.includes('ratios')) {
      await runRatioBench(
        compiled,
        layout,
        database,
        (row) => {
          ratioRows.push(row);
          console.log(formatRatioTable([row]));
        },
        compare,
      );
    }
    const configs = SETTINGS.scenarios.includes('results') ? resultsRuns() : [];
    const poolSize = Math.max(
      0,
      ...configs.map((config) => Math.round(config.ratePerSecond * config.seconds)),
      SETTINGS.scenarios.includes('soak')
        ? Math.round(SOAK_RATES.callbacksPerSecond * SETTINGS.soakSeconds)
        : 0,
    );
    if (poolSize > 0) {
      const started = Date.now();
      await database.seedTo(1_000); // status reads of the soak
      pool = await startResultsPool(poolSize);
      console.log(
        `results pool: ${poolSize} finished scans in the sandbox (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
    for (const config of configs) {
      const run = await runResults(compiled, layout, database, pool!, config);
      results.push(run);
      console.log(formatResultsTable([run]));
    }
    if (SETTINGS.scenarios.includes('soak')) {
      soak = await runSoak(compiled, layout, database, pool!, 'express');
      console.log(formatSoak(soak));
    }

    const settings =
      `CPU layout: ${layout.describe}. Ratios: ${SETTINGS.pairs} alternating pairs per subject, ` +
      `${SETTINGS.connections} connections, ${SETTINGS.warmupSeconds} s warm-up + ` +
      `${SETTINGS.durationSeconds} s measured per run; a median ratio is reported only when every ` +
      `pair is within ±${Math.round(SETTINGS.maxSpread * 100)} % of it. Results: Jumio retrieval answers ` +
      `after ${SETTINGS.retrievalDelayMs} ms. Run ${new Date().toISOString()}` +
      `${SETTINGS.quick ? ' (QUICK MODE: smoke test, not for the record)' : ''}; database ` +
      `${Math.round(await database.sizeMb())} MB at the end. Load average (1 min) during the run: ` +
      `${loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : 'n/a'} on ` +
      `${cpus().length} CPUs. ${describeForeignCpu(foreignCpu.stop())}.`;
    const blocks = [formatMachine(machine, settings)];
    if (ratioRows.length > 0) {
      const refused = refusals(ratioRows);
      blocks.push(
        formatRatioTable(ratioRows),
        refused.length > 0
          ? `Ratios not reported (the run refuses to judge them):\n\n${refused.join('\n')}`
          : 'Every ratio passed the spread rule.',
      );
    }
    if (results.length > 0)
      blocks.push(formatResultsTable(results), resultsVerdicts(results).join('\n'));
    if (pacing) blocks.push(formatPacing(pacing));
    if (soak) blocks.push(formatSoak(soak));
    const block = blocks.join('\n\n');
    console.log(`\n${block}`);
    if (process.env.BENCH_WRITE_README !== '0') writeReadme(join(__dirname, 'README.md'), block);
  } finally {
    await pool?.sandbox.close();
    await database.stop();
    compiled.remove();
    compare?.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
