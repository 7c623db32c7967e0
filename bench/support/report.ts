import { readFileSync, writeFileSync } from 'node:fs';
import type { LoadResult } from './load';
import type { Machine } from './machine';

export interface Row {
  scenario: string;
  rows: number;
  subject: string;
  result: LoadResult;
  baseline?: LoadResult;
  /** Minimum ratio subject/baseline asked for, if any. */
  target?: number;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

export function formatTable(rows: Row[]): string {
  const header =
    '| scenario | rows | server | req/s | baseline req/s | ratio | target | p50 ms | p99 ms | max RSS MB | non-2xx / errors |\n' +
    '|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|';
  const lines = rows.map(({ scenario, rows: count, subject, result, baseline, target }) => {
    const ratio = baseline ? result.requestsPerSecond / baseline.requestsPerSecond : undefined;
    const verdict =
      target === undefined || ratio === undefined
        ? ''
        : `≥ ${target.toFixed(2)} ${ratio >= target ? 'met' : 'MISSED'}`;
    return [
      scenario,
      count.toLocaleString('en-US'),
      subject,
      Math.round(result.requestsPerSecond),
      baseline ? Math.round(baseline.requestsPerSecond) : '',
      ratio === undefined ? '' : ratio.toFixed(2),
      verdict,
      result.p50Ms,
      result.p99Ms,
      Math.round(result.maxRssMb),
      `${result.non2xx} / ${result.errors}`,
    ].join(' | ');
  });
  return [header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

export function formatMachine(machine: Machine, settings: string): string {
  return `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB RAM, Node ${machine.node}. ${settings}`;
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
