import { readFileSync, writeFileSync } from 'node:fs';
import { isLatencyRow, judge, P99_TARGET_MS, RSS_TARGET_MB, type RatioRow } from './ratio-bench';
import type { Machine } from './machine';
import { median, spread } from './stats';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const range = (values: number[], digits = 0) =>
  values.length < 2
    ? ''
    : ` (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/**
 * Medians over the pairs, with the ratio's spread (largest distance of one pair's ratio from the
 * median). A ratio whose spread is over the limit is shown but not judged: the run refuses to report it.
 */
export function formatRatioTable(rows: RatioRow[]): string {
  const header =
    '| scenario | rows | server | pairs | req/s (median) | baseline req/s | ratio (median) | spread | ratio target | p99 ms (median, range) | max RSS MB | non-2xx / errors | server CPU µs/request (median) | CPU-cost ratio (median, spread) |\n' +
    '|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|';
  const lines = rows.map((row) => {
    const verdict = judge(row);
    const rps = row.runs.map((run) => run.requestsPerSecond);
    const p99 = row.runs.map((run) => run.p99Ms);
    const rss = Math.max(...row.runs.map((run) => run.maxRssMb));
    const target =
      row.target === undefined || verdict.ratio === undefined
        ? ''
        : verdict.reported
          ? `≥ ${row.target.toFixed(2)} ${verdict.ratio >= row.target ? 'met' : 'MISSED'}`
          : `≥ ${row.target.toFixed(2)} NOT JUDGED: ${verdict.why}`;
    const p99Verdict =
      row.isBaseline || !isLatencyRow(row)
        ? ''
        : median(p99) <= P99_TARGET_MS
          ? ' met'
          : ' MISSED';
    const rssVerdict = row.isBaseline ? '' : rss <= RSS_TARGET_MB ? ' met' : ' MISSED';
    return [
      row.scenario,
      row.rows.toLocaleString('en-US'),
      row.subject,
      row.runs.length,
      `${Math.round(median(rps))}${range(rps)}`,
      row.baselineRequestsPerSecond === undefined ? '' : Math.round(row.baselineRequestsPerSecond),
      verdict.ratio === undefined
        ? ''
        : verdict.reported
          ? verdict.ratio.toFixed(2)
          : `(${verdict.ratio.toFixed(2)})`,
      verdict.spread === undefined ? '' : `±${Math.round(verdict.spread * 100)} %`,
      target,
      `${median(p99)}${range(p99)}${p99Verdict}`,
      `${Math.round(rss)}${rssVerdict}`,
      `${sum(row.runs.map((run) => run.non2xx))} / ${sum(row.runs.map((run) => run.errors))}`,
      Math.round(median(row.runs.map((run) => run.cpuUsPerRequest))),
      row.cpuRatios.length === 0
        ? ''
        : `${median(row.cpuRatios).toFixed(2)} ±${Math.round(spread(row.cpuRatios) * 100)} %`,
    ].join(' | ');
  });
  return [header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

/** Why ratios were not reported, one line each (empty when every ratio was). */
export function refusals(rows: RatioRow[]): string[] {
  return rows.flatMap((row) => {
    const verdict = judge(row);
    return verdict.why
      ? [
          `- ${row.scenario} (${row.rows.toLocaleString('en-US')} rows), ${row.subject}: not reported, ${verdict.why} (pair ratios ${row.ratios.map((ratio) => ratio.toFixed(2)).join(', ')}).`,
        ]
      : [];
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function formatMachine(machine: Machine, settings: string): string {
  return `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB RAM, Node ${machine.node}. ${settings}`;
}

/** A markdown table from a header row and rows of cells. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

/** Replaces the results block of bench/README.md, keeping the hand-written text around it. */
export function writeReadme(path: string, block: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = `# Benchmarks\n\n${START}\n${END}\n`;
  }
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const results = `${START}\n${block}\n${END}`;
  text =
    start >= 0 && end > start
      ? text.slice(0, start) + results + text.slice(end + END.length)
      : `${text}\n${results}\n`;
  writeFileSync(path, text);
}
