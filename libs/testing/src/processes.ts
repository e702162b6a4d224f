import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The workspace root, where services are started from. */
export const ROOT = resolve(__dirname, '../../..');

export interface ServiceEntry {
  name: string;
  /** The service's main.ts, or its production bundle (dist/apps/<name>/main.js), relative to the workspace root. */
  entry: string;
}

/**
 * Runs one service as its own process, its output prefixed with its name: from its TypeScript sources for the
 * launcher, the benchmarks and the cross-service tests; from its bundle, exactly as the image runs it, for the drills.
 */
export function spawnService(app: ServiceEntry, env: NodeJS.ProcessEnv): ChildProcess {
  const fromSources = app.entry.endsWith('.ts') ? ['-r', join(ROOT, 'tools/register.cjs')] : [];
  const child = spawn(process.execPath, [...fromSources, join(ROOT, app.entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${app.name}] ${line}\n`));
  }
  return child;
}

/** Polls /health/ready until the service answers 200. */
export async function waitUntilReady(port: number, giveUp = () => false, timeoutMs = 60_000): Promise<void> {
  const url = `http://127.0.0.1:${port}/health/ready`;
  for (let waited = 0; waited < timeoutMs; waited += 200) {
    if (giveUp()) return;
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no service became ready at ${url} within ${timeoutMs / 1000} s`);
}

export function stopService(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(); // already gone (an exit by signal has no code)
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
