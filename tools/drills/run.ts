// npm run drills -- [--load-seconds 10] [--postgres-down-seconds 5] [--connections 16]
// Fault drills for platform engineers, against the production bundles (dist/, built first when stale) on a
// PostgreSQL and Redis of their own: Redis killed and restarted, PostgreSQL stopped and started, SIGTERM, each
// under autocannon load on loopback. One line per drill; exits 1 when any fails.
import { parseArgs } from 'node:util';
import { reportLine, runDrills } from './suite';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'load-seconds': { type: 'string', default: '10' },
      'postgres-down-seconds': { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const results = await runDrills({
    loadSeconds: number('load-seconds'),
    postgresDownSeconds: number('postgres-down-seconds'),
    connections: number('connections'),
  });
  console.log('');
  for (const result of results) console.log(reportLine(result));
  process.exit(results.some((r) => r.passed === false) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
