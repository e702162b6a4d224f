import { spawnService, stopService, waitUntilReady } from '@mercato/testing';
import { runLoad, type LoadResult } from './autocannon-run';
import type { BenchOptions } from './users.scenarios';

const BASELINE_PORT = 3100; // beside the services' 3101…

/**
 * What this machine can do at all under this load: the same autocannon run against a server that does no work, in a
 * process of its own as the services are. Each scenario's rate is then read as a share of it.
 */
export async function measureBaseline({ duration, connections }: BenchOptions): Promise<LoadResult> {
  const server = spawnService({ name: 'baseline', entry: 'tools/bench/bare-http-server.ts' }, { ...process.env, PORT: String(BASELINE_PORT) });
  try {
    await waitUntilReady(BASELINE_PORT, () => server.exitCode !== null);
    if (server.exitCode !== null) throw new Error(`the baseline server exited (${server.exitCode}); is port ${BASELINE_PORT} taken?`);
    return await runLoad({ title: 'machine baseline (bare node:http)', url: `http://127.0.0.1:${BASELINE_PORT}/`, connections, duration });
  } finally {
    await stopService(server);
  }
}
