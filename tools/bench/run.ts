// npm run bench -- [--duration 10] [--connections 32]
// Loopback only, bounded in time. Uses DATABASE_URL / REDIS_URL when set, else an embedded PostgreSQL.
import { parseArgs } from 'node:util';
import { printTable } from './autocannon-run';
import { startTarget } from './target';
import { usersScenarios } from './users.scenarios';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
  const options = { duration: Math.min(Number(values.duration), 60), connections: Number(values.connections) };
  const target = await startTarget();
  try {
    printTable(await usersScenarios(target, options));
  } finally {
    await target.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
