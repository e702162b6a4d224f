// npm run bench -- [users] [products] [mcp] [orders] [--duration 10] [--connections 32]
// Loopback only, bounded in time. Uses DATABASE_URL / REDIS_URL when set, else an embedded PostgreSQL.
// The machine baseline (a server doing no work) runs first; every rate is also printed as a share of it.
import { parseArgs } from 'node:util';
import { printTable, type LoadResult } from './autocannon-run';
import { measureBaseline } from './machine-baseline';
import { mcpScenarios } from './mcp.scenarios';
import { ordersScenarios } from './orders.scenarios';
import { productsScenarios } from './products.scenarios';
import { startTarget, type BenchTarget } from './target';
import { usersScenarios, type BenchOptions } from './users.scenarios';

const GROUPS: Record<string, (target: BenchTarget, options: BenchOptions) => Promise<LoadResult[]>> = {
  users: usersScenarios,
  products: productsScenarios,
  mcp: mcpScenarios,
  orders: ordersScenarios,
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
  });
  const options = { duration: Math.min(Number(values.duration), 60), connections: Number(values.connections) };
  const groups = positionals.length ? positionals : Object.keys(GROUPS);
  const unknown = groups.filter((g) => !GROUPS[g]);
  if (unknown.length) throw new Error(`unknown scenario group(s): ${unknown.join(', ')}; choose from ${Object.keys(GROUPS).join(', ')}`);
  const target = await startTarget();
  const results: LoadResult[] = [];
  try {
    const baseline = await measureBaseline(options);
    results.push(baseline);
    for (const group of groups) results.push(...(await GROUPS[group](target, options)));
    printTable(results, baseline);
  } finally {
    await target.stop();
  }
  const checked = results.filter((r) => r.check);
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
