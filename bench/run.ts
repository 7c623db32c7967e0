/**
 * `npm run bench`: each server measured against its baseline in the same run, on the same machine, with
 * the same load; prints the ratio table and records it in bench/README.md. Not part of `npm test`.
 *
 *   BENCH_SIZES=1000,10000,100000,1000000  stored transactions for the status read (default all four)
 *   BENCH_DURATION=8                       measured seconds per run (after BENCH_WARMUP=2 s of warm-up)
 *   BENCH_CONNECTIONS=50                   autocannon connections
 *   BENCH_SUBJECTS=baseline,fastify,express,bare,pacing  which servers to run (bare: JumioModule without
 *                                         JumioOpsModule and the demo's extras, Fastify; pacing: 20
 *                                         concurrent starts under Jumio's 5-per-5-s limit)
 */
import { join } from 'node:path';
import { callbackForm } from './support/callback-form';
import { compileServers } from './support/compile';
import { benchToken } from './support/bench-token';
import { startBenchDatabase } from './support/database';
import { measure, type LoadResult, type LoadSpec } from './support/load';
import { formatPacing, runPacingScenario } from './support/pacing-scenario';
import { describeMachine } from './support/machine';
import { formatMachine, formatTable, writeReadme, type Row } from './support/report';
import { startServer, type ServerProcess } from './support/server-process';

const numbers = (value: string | undefined, fallback: number[]) =>
  value ? value.split(',').map((part) => Number(part.trim())) : fallback;

const SIZES = numbers(process.env.BENCH_SIZES, [1_000, 10_000, 100_000, 1_000_000]);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SUBJECTS = (process.env.BENCH_SUBJECTS ?? 'baseline,fastify,express,bare,pacing').split(',');
/** Callbacks go to this many seeded transactions (first one applies, later ones are duplicates). */
const CALLBACK_TRANSACTIONS = 1_000;

const STATUS_TARGET: Record<string, number> = { fastify: 0.7, bare: 0.7, express: 0.35 };
const CALLBACK_TARGET = 0.6;

function pick(count: number): number {
  return 1 + Math.floor(Math.random() * count);
}

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(formatMachine(machine, ''));
  const compiled = compileServers();
  const database = await startBenchDatabase();
  const rows: Row[] = [];
  const env = { DATABASE_URL: database.url };
  /** Each server runs only for its own measurement: idle servers' background jobs would skew the others. */
  const SERVERS: Record<string, { entry: string; env: Record<string, string>; label: string }> = {
    'raw-status': { entry: 'raw-status', env, label: 'raw fastify + pg prepared' },
    'raw-callback': { entry: 'raw-callback', env, label: 'raw fastify + pg insert' },
    fastify: {
      entry: 'module',
      env: { ...env, HTTP_ADAPTER: 'fastify' },
      label: 'demo app (module + ops) on fastify',
    },
    express: {
      entry: 'module',
      env: { ...env, HTTP_ADAPTER: 'express' },
      label: 'demo app (module + ops) on express',
    },
    bare: {
      entry: 'module-bare',
      env: { ...env, HTTP_ADAPTER: 'fastify' },
      label: 'JumioModule alone on fastify',
    },
  };
  const modules = ['fastify', 'express', 'bare'].filter((name) => SUBJECTS.includes(name));
  const withBaseline = SUBJECTS.includes('baseline');
  async function run(name: string, spec: LoadSpec): Promise<LoadResult> {
    const server: ServerProcess = await startServer(
      compiled,
      SERVERS[name].entry,
      SERVERS[name].env,
    );
    try {
      return await measure(server, spec);
    } finally {
      await server.stop();
    }
  }
  try {
    const pacing = SUBJECTS.includes('pacing') ? await runPacingScenario(compiled, env) : undefined;
    if (pacing) console.log(formatPacing(pacing));
    const pacingBlock = pacing ? `\n\n${formatPacing(pacing)}` : '';
    if (modules.length === 0 && !withBaseline) {
      console.log(`\n${formatMachine(machine, 'pacing scenario only')}${pacingBlock}`);
      return;
    }
    // Callback ingestion first, on the smallest table.
    await database.seedTo(Math.max(CALLBACK_TRANSACTIONS, SIZES[0]));
    const callbackLoad: LoadSpec = {
      method: 'POST',
      request: () => {
        const i = pick(CALLBACK_TRANSACTIONS);
        return {
          path: `/api/jumio/callback/${benchToken(i)}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: callbackForm(i),
        };
      },
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
    };
    let callbackBaseline: LoadResult | undefined;
    for (const name of [...(withBaseline ? ['raw-callback'] : []), ...modules]) {
      await database.clearInbox();
      const result = await run(name, callbackLoad);
      const isBaseline = name === 'raw-callback';
      if (isBaseline) callbackBaseline = result;
      rows.push({
        scenario: 'callback ingestion',
        rows: await database.count(),
        subject: SERVERS[name].label,
        result,
        baseline: isBaseline ? undefined : callbackBaseline,
        target: isBaseline ? undefined : CALLBACK_TARGET,
      });
      console.log(formatTable(rows.slice(-1)));
    }

    for (const size of SIZES) {
      const started = Date.now();
      await database.seedTo(size);
      console.log(`seeded ${size} transactions (${Math.round((Date.now() - started) / 1000)} s)`);
      const statusLoad: LoadSpec = {
        method: 'GET',
        request: () => ({
          path: '/api/private/jumio/poi/!getScanTransactionStatus',
          headers: { 'x-user-id': `bench-${pick(size)}` },
        }),
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
      };
      let baseline: LoadResult | undefined;
      for (const name of [...(withBaseline ? ['raw-status'] : []), ...modules]) {
        const result = await run(name, statusLoad);
        const isBaseline = name === 'raw-status';
        if (isBaseline) baseline = result;
        rows.push({
          scenario: '!getScanTransactionStatus',
          rows: size,
          subject: SERVERS[name].label,
          result,
          baseline: isBaseline ? undefined : baseline,
          target: STATUS_TARGET[name],
        });
        console.log(formatTable(rows.slice(-1)));
      }
    }

    const settings =
      `${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s measured per run; autocannon, the ` +
      `server under test and PostgreSQL all share these cores. Run ${new Date().toISOString()}; ` +
      `database ${Math.round(await database.sizeMb())} MB at the end.`;
    const block = `${formatMachine(machine, settings)}\n\n${formatTable(rows)}${pacingBlock}`;
    console.log(`\n${block}`);
    writeReadme(join(__dirname, 'README.md'), block);
  } finally {
    await database.stop();
    compiled.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
