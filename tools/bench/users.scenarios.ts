import { availableParallelism } from 'node:os';
import { benchToken } from './accounts';
import { measureArgon2Rate } from './argon2-rate';
import { runLoad } from './autocannon-run';
import type { BenchSession } from './bench-session';
import type { BenchTarget } from './target';

/** Connections signing in while /users/me is measured: a burst that keeps the hasher's every slot busy. */
const LOGIN_BURST_CONNECTIONS = 8;

/**
 * GET /users/me (token verification + one account check per request); POST /auth/login (argon2id) beside the raw
 * argon2id verify rate at the services' cost and concurrency limit; and /users/me again during a login burst, to
 * show hashing stays off the event loop (its p99 then, against its p99 alone).
 */
export async function usersScenarios(target: BenchTarget, bench: BenchSession): Promise<void> {
  const { token, username, password } = await benchToken(target, 'user');
  const base = target.baseUrl('users-api');
  const me = { title: 'GET /users/me', url: `${base}/api/v1/users/me`, headers: { authorization: `Bearer ${token}` }, ...bench.load() };
  const logins = {
    title: 'POST /auth/login',
    url: `${base}/api/v1/auth/login`,
    method: 'POST' as const,
    body: JSON.stringify({ username, password }),
    ...bench.load(),
  };

  await bench.measure('users.me', me);
  // The services read ARGON2_* from this same environment; unset, ARGON2_MAX_CONCURRENCY is cores - 1.
  bench.argon2 = await measureArgon2Rate(process.env, bench.options.duration, bench.options.connections);
  const { verifiesPerSecond, concurrency } = bench.argon2;
  console.log(`raw argon2id verify rate: ${verifiesPerSecond.toFixed(1)}/s, ${concurrency} at once (of ${availableParallelism()} cores)`);
  await bench.measure('users.login', logins);

  const {
    result: [meDuringLogins, background],
    ceiling,
  } = await bench.bracketed(me, () =>
    Promise.all([
      runLoad({ ...me, title: 'GET /users/me during a login burst' }, bench.options.warmup),
      runLoad({ ...logins, title: 'POST /auth/login (burst)', connections: LOGIN_BURST_CONNECTIONS }, bench.options.warmup),
    ]),
  );
  const burst = `${background.rps} logins/s over ${LOGIN_BURST_CONNECTIONS} connections meanwhile`;
  bench.record('users.me.during-logins', { ...meDuringLogins, note: burst }, ceiling);
}
