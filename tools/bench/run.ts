// npm run bench -- [products] [mcp] [users] [orders] [--duration 10] [--ceiling-duration 5] [--warmup 2]
//   [--connections 32] [--smoke] [--compare <earlier results.json>] [--against <results.json>]
// Runs the production bundles (built first when stale) on loopback, bounded in time: a full run is about 6 minutes
// (ten scenarios of 2 + 10 s, each between two ceilings of 2 + 5 s, the argon2 rate, setup). Uses DATABASE_URL /
// REDIS_URL when set, else an embedded PostgreSQL. Writes tmp/bench/results.json, report.md and the chart.
// --smoke: 1 s per measurement, for CI, so the harness cannot rot; no target is judged from it.
// --compare: after the run, the change of every ratio against an earlier results.json; with --against, of that
// file instead, and nothing is run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '@mercato/testing';
import { addRatios, type BenchResults } from './bench-results';
import { BenchSession, type BenchOptions } from './bench-session';
import { startCeilingServer } from './ceiling';
import { compareRuns } from './compare';
import { mcpScenarios } from './mcp.scenarios';
import { ordersScenarios } from './orders.scenarios';
import { productsScenarios } from './products.scenarios';
import { printResults, writeResults } from './report';
import { memoryOf } from './service-stats';
import { CATALOG_SIZE, startTarget, type BenchTarget } from './target';
import { usersScenarios } from './users.scenarios';

const GROUPS: Record<string, (target: BenchTarget, bench: BenchSession) => Promise<void>> = {
  products: productsScenarios,
  mcp: mcpScenarios,
  users: usersScenarios,
  orders: ordersScenarios,
};
const OUT_DIR = join(ROOT, 'tmp/bench');

const readResults = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BenchResults;

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      'ceiling-duration': { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      smoke: { type: 'boolean', default: false },
      compare: { type: 'string' },
      against: { type: 'string' },
    },
  });
  const earlier = values.compare ? readResults(values.compare) : undefined;
  if (values.against) {
    if (!earlier) throw new Error('--against needs --compare <earlier results.json>');
    console.log(compareRuns(earlier, readResults(values.against)).join('\n'));
    return;
  }
  const seconds = (value: string, max = 60) => Math.min(Math.max(Number(value), 0.5), max);
  const options: BenchOptions = values.smoke
    ? { duration: 1, ceilingDuration: 1, warmup: 0.5, connections: Number(values.connections) }
    : {
        duration: seconds(values.duration),
        ceilingDuration: seconds(values['ceiling-duration']),
        warmup: seconds(values.warmup, 10),
        connections: Number(values.connections),
      };
  const groups = positionals.length ? positionals : Object.keys(GROUPS);
  const unknown = groups.filter((g) => !GROUPS[g]);
  if (unknown.length) throw new Error(`unknown scenario group(s): ${unknown.join(', ')}; choose from ${Object.keys(GROUPS).join(', ')}`);

  const startedAt = new Date().toISOString();
  const target = await startTarget({
    fromBundles: true,
    // One token calls get_product thousands of times a second here; the per-token budget would refuse it at once.
    env: { MCP_REQUESTS_PER_MINUTE: '100000000' },
  });
  const ceiling = await startCeilingServer();
  const bench = new BenchSession(options, ceiling);
  let services: BenchResults['services'];
  try {
    for (const group of groups) await GROUPS[group](target, bench);
    services = target.services.map(({ name, pid, timeToReadyMs }) => ({ name, timeToReadyMs, ...memoryOf(pid) }));
  } finally {
    await ceiling.stop();
    await target.stop();
  }
  const results: BenchResults = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
    },
    options: { ...options, catalogSize: CATALOG_SIZE, smoke: values.smoke ?? false },
    scenarios: addRatios(bench.scenarios, bench.argon2),
    argon2: bench.argon2,
    services,
  };
  printResults(results);
  console.log(`\nwritten: ${writeResults(results, OUT_DIR).join(', ')}`);
  if (earlier) console.log(['', ...compareRuns(earlier, results)].join('\n'));

  const checked = results.scenarios.filter((r) => r.check);
  if (checked.length) console.log(['', ...checked.map((r) => `${r.title}: ${r.check?.report}`)].join('\n'));
  const failed = checked.filter((r) => !r.check?.holds);
  if (failed.length) {
    console.error(`\n${failed.length} correctness check(s) FAILED: ${failed.map((r) => r.title).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
