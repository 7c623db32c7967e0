import { markdownTable } from './report';
import type { ResultsRun } from './results-bench';
import type { SoakResult } from './soak';
import type { SoakMemory } from './soak-memory';

export const RESULTS_TARGETS = { ingestFraction: 0.98, drainSeconds: 10, visibleP99Ms: 2000 };

const ms = (value: number) => (Number.isNaN(value) ? '—' : String(Math.round(value)));

export function formatResultsTable(runs: ResultsRun[]): string {
  return markdownTable(
    [
      'run',
      'instances (role × inbox concurrency)',
      'posted',
      '200 / failed',
      'ingested /s',
      'decisions /s (during load)',
      'decisions /s (overall)',
      'peak backlog',
      'backlog at load end',
      'drained after load',
      'visible in status p50 / p99 ms',
      'stored p50 / p99 ms',
      'no decision at the end / applied twice',
      'max RSS MB',
      'server CPU ms / decision (all / worker / drain)',
    ],
    runs.map((run) => [
      run.config.label,
      run.config.instances
        .map((i) => `${i.role} × ${i.concurrency}${i.startsAfterLoad ? ' (after the load)' : ''}`)
        .join(' + '),
      `${run.config.ratePerSecond}/s × ${run.config.seconds} s`,
      `${run.answered200} / ${run.failed}`,
      run.ingestedPerSecond.toFixed(0),
      run.decisionsPerSecond.toFixed(0),
      run.overallDecisionsPerSecond.toFixed(1),
      run.peakBacklog,
      run.backlogAtLoadEnd,
      run.drainSeconds === undefined
        ? `not within ${run.config.drainTimeoutSeconds} s`
        : `${run.drainSeconds.toFixed(1)} s`,
      `${ms(run.visibleP50Ms)} / ${ms(run.visibleP99Ms)} (${run.visibleSamples})`,
      `${ms(run.storedP50Ms)} / ${ms(run.storedP99Ms)}`,
      `${run.undecided}${run.drainSeconds === undefined ? ' (not drained)' : ''} / ${run.appliedTwice}`,
      Math.round(run.maxRssMb),
      [run.cpuMsPerDecision, run.workerCpuMsPerDecision, run.drainCpuMsPerDecision]
        .map((value) => (Number.isFinite(value) ? value.toFixed(1) : '—'))
        .join(' / '),
    ]),
  );
}

/** Verdicts of the main run (the first) and of the run at Jumio's rate limits. */
export function resultsVerdicts(runs: ResultsRun[]): string[] {
  const lines: string[] = [];
  const main = runs.find((run) => run.config.kind === 'main');
  if (main) {
    const rate = main.config.ratePerSecond;
    const sustained =
      main.failed === 0 && main.ingestedPerSecond >= rate * RESULTS_TARGETS.ingestFraction;
    lines.push(
      `- ${rate} callbacks/s sustained for ${main.config.seconds} s: ${sustained ? 'met' : 'MISSED'} (${main.ingestedPerSecond.toFixed(0)}/s answered 200, ${main.failed} failed).`,
      `- Backlog back to 0 within ${RESULTS_TARGETS.drainSeconds} s after the load: ${main.drainSeconds !== undefined && main.drainSeconds <= RESULTS_TARGETS.drainSeconds ? 'met' : 'MISSED'} (${main.drainSeconds === undefined ? 'not drained' : `${main.drainSeconds.toFixed(1)} s`}; backlog ${main.backlogAtLoadEnd} at the end of the load, peak ${main.peakBacklog}).`,
      `- Callback to decision visible in !getScanTransactionStatus p99 ≤ ${RESULTS_TARGETS.visibleP99Ms} ms: ${main.visibleP99Ms <= RESULTS_TARGETS.visibleP99Ms ? 'met' : 'MISSED'} (p50 ${ms(main.visibleP50Ms)} ms, p99 ${ms(main.visibleP99Ms)} ms over ${main.visibleSamples} polled callbacks).`,
      `- Nothing lost, nothing applied twice: ${lossVerdict(main)}.`,
      `- Backlog every second (main run): ${compact(main.backlogSeries)}.`,
    );
  }
  const limited = runs.find((run) => run.config.jumioRateLimits);
  if (limited) {
    lines.push(
      `- At Jumio's default rate limits (retrieval 75 / 5 s = 15/s): decisions ${limited.decisionsPerSecond.toFixed(1)}/s during the load, ${limited.overallDecisionsPerSecond.toFixed(1)}/s overall; peak backlog ${limited.peakBacklog}; ${limited.drainSeconds === undefined ? `NOT drained within ${limited.config.drainTimeoutSeconds} s` : `drained ${limited.drainSeconds.toFixed(1)} s after the load`}; nothing lost, nothing applied twice: ${lossVerdict(limited)}.`,
      `- Backlog every second (rate-limited run): ${compact(limited.backlogSeries)}.`,
    );
  }
  return lines;
}

function lossVerdict(run: ResultsRun): string {
  if (run.appliedTwice > 0) return `MISSED (${run.appliedTwice} applied twice)`;
  if (run.drainSeconds === undefined)
    return `not shown: ${run.undecided} callbacks still waiting when the run stopped waiting`;
  return run.undecided === 0 ? 'met' : `MISSED (${run.undecided} lost)`;
}

/** Every value, or every n-th one for long series (at most ~40 values). */
function compact(series: number[]): string {
  const step = Math.max(1, Math.ceil(series.length / 40));
  const picked = series.filter((_, i) => i % step === 0);
  return `${picked.join(', ')}${step > 1 ? ` (every ${step} s)` : ''}`;
}

export function formatSoak(soak: SoakResult): string {
  return [
    `Mixed soak, ${soak.seconds} s on the demo app (${soak.adapter}): ${soak.passed ? 'PASSED' : `FAILED (${soak.problems.join('; ')})`}.`,
    `Status reads ${soak.statusReads.ok} ok / ${soak.statusReads.failed} failed; journeys ${soak.journeys.ok} ok / ${soak.journeys.failed} failed, ${soak.journeys.decided} decided; callbacks ${soak.callbacks.ok} ok / ${soak.callbacks.failed} failed.`,
    `RSS ${Math.round(soak.rssAfterWarmupMb)} MB after warm-up, ${Math.round(soak.rssAtEndMb)} MB at the end (${percent(soak.rssGrowth)}, limit +10 %), max ${Math.round(soak.maxRssMb)} MB; server CPU ${soak.serverCpuPercent.toFixed(1)} % of one CPU during the load; backlog ${soak.backlogAtEnd} at the end.`,
    ...(soak.memory ? [formatSoakMemory(soak.memory)] : []),
  ].join(' ');
}

const percent = (growth: number) => `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %`;

/** Live heap vs RSS: a leak grows what survives a major GC; V8 sizing its heap grows only RSS. */
function formatSoakMemory(memory: SoakMemory): string {
  return [
    `Live heap (heapUsed right after V8's own major GCs, ${memory.majorGcs} after warm-up): ${memory.liveHeapAfterWarmupMb.toFixed(1)} MB after warm-up, ${memory.liveHeapAtEndMb.toFixed(1)} MB at the end (${percent(memory.liveHeapGrowth)}, limit +10 %); heapUsed after a forced full GC once drained: ${memory.heapAfterFullGcAtEndMb.toFixed(1)} MB.`,
    `Every minute, RSS / heapTotal / heapUsed / external + array buffers / V8 malloced MB: ${memory.series.join('; ')}.`,
    `Resident MB by mapping at the end of the load: ${Object.entries(memory.residentByMapping)
      .filter(([, mb]) => mb >= 1)
      .map(([kind, mb]) => `${kind} ${Math.round(mb)}`)
      .join(', ')}.`,
    ...memory.snapshots.map((snapshot) => `Heap snapshot ${snapshot}.`),
  ].join(' ');
}
