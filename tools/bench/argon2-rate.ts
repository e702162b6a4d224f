import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '@mercato/testing';
import type { Argon2Rate } from './bench-results';

/**
 * The physical limit of the chosen password cost: verifications per second of one process at the services' ARGON2_*
 * settings (the same environment the services get), `callers` at a time through the hasher's concurrency limit, as
 * `callers` connections signing in would be. Measured in a child process, so the bench's own load generator does not
 * share its thread pool.
 */
export function measureArgon2Rate(env: NodeJS.ProcessEnv, seconds: number, callers: number): Promise<Argon2Rate> {
  const args = ['-r', join(ROOT, 'tools/register.cjs'), join(ROOT, 'tools/bench/argon2-verify-rate.ts')];
  const childEnv = { ...env, BENCH_SECONDS: String(seconds), BENCH_CALLERS: String(callers) };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env: childEnv, timeout: (seconds + 60) * 1000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the argon2 verify rate could not be measured: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Argon2Rate);
    });
  });
}
