import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort, isListening } from '@mercato/data';

/** A throwaway redis-server of the drills' own, on a loopback port, which a drill may kill and start again. */
export interface DrillRedis {
  url: string;
  /** SIGKILL: no shutdown, no save; clients see their connections reset. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (nothing is persisted). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Why there is no redis-server to drill with, or undefined when there is one. */
export function redisServerMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.error || found.status !== 0 ? 'no redis-server on PATH (install Redis, e.g. apt-get install redis-server)' : undefined;
}

export async function startDrillRedis(): Promise<DrillRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
      stdio: 'ignore',
    });
    for (let waited = 0; !(await isListening(port)); waited += 50) {
      if (waited > 10_000 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill(name);
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill: () => signal('SIGKILL'), start, stop: () => signal('SIGTERM') };
}
