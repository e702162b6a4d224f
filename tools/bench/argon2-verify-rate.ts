// Run as a process of its own by argon2-rate.ts: the raw argon2id verify rate of one process at the services' cost
// and concurrency limit, through the same hasher the sign-in path uses, with nothing else on its event loop.
// Prints one JSON line: Argon2Rate.
import { performance } from 'node:perf_hooks';
import { loadConfig, PasswordChecksConfig } from '@mercato/server';
import { passwordHasherFrom } from '@mercato/users';
import type { Argon2Rate } from './bench-results';

async function main(): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS']);
  const callers = Number(process.env['BENCH_CALLERS']);
  const config = loadConfig(PasswordChecksConfig);
  const hasher = passwordHasherFrom(config);
  const hash = await hasher.hash('Bench1234');
  const verifyFor = async (ms: number) => {
    let verified = 0;
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < until) {
          if (!(await hasher.verify(hash, 'Bench1234'))) throw new Error('argon2 refused the password it hashed');
          verified++;
        }
      }),
    );
    return verified;
  };
  await verifyFor(500);
  const started = performance.now();
  const verified = await verifyFor(seconds * 1000);
  const rate: Argon2Rate = {
    verifiesPerSecond: verified / ((performance.now() - started) / 1000),
    memoryKiB: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: config.ARGON2_PARALLELISM,
    concurrency: hasher.concurrency.limit,
  };
  process.stdout.write(`${JSON.stringify(rate)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
