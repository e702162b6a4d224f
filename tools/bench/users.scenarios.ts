import { benchToken } from './accounts';
import { runLoad, type LoadResult } from './autocannon-run';
import type { BenchTarget } from './target';

export interface BenchOptions {
  duration: number;
  connections: number;
}

/**
 * GET /users/me (token verification + one account check per request), POST /auth/login (argon2id), and
 * /users/me again while logins run, to show hashing stays off the event loop.
 */
export async function usersScenarios(target: BenchTarget, { duration, connections }: BenchOptions): Promise<LoadResult[]> {
  const { token, username, password } = await benchToken(target, 'user');
  const base = target.baseUrl('users-api');
  const me = { url: `${base}/api/v1/users/me`, headers: { authorization: `Bearer ${token}` }, connections, duration };
  const logins = { url: `${base}/api/v1/auth/login`, method: 'POST' as const, body: JSON.stringify({ username, password }), connections, duration };

  const results = [await runLoad({ title: 'GET /api/v1/users/me', ...me }), await runLoad({ title: 'POST /api/v1/auth/login', ...logins })];
  const [meUnderLogin] = await Promise.all([
    runLoad({ title: 'GET /users/me while logins run', ...me }),
    runLoad({ ...logins, title: 'POST /auth/login (background)', connections: 8 }),
  ]);
  return [...results, meUnderLogin];
}
