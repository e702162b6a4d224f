import { ConflictError, systemActor, type Role } from '@mercato/core';
import { withUsersService } from '../cli/accounts';
import type { BenchTarget } from './target';

/**
 * Makes (or reuses) an account on the bench database and signs it in through users-api; returns its access token,
 * for the REST APIs, or for the service whose resource is named (the gateway's `target.mcpResource`).
 */
export async function benchToken(
  target: Pick<BenchTarget, 'databaseUrl' | 'baseUrl'>,
  role: Role,
  resource?: string,
): Promise<{ token: string; username: string; password: string }> {
  const username = `bench-${role}-${process.pid}`;
  const password = 'Bench1234';
  // Several scenario groups sign in with the same role; the account is made once and reused.
  await withUsersService(target.databaseUrl, (users) =>
    users.create(systemActor('benchmark setup'), { email: `${username}@bench.local`, username, password }, role).catch((error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
    }),
  );
  const res = await fetch(`${target.baseUrl('users-api')}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, resource }),
  });
  if (!res.ok) throw new Error(`could not sign ${username} in at users-api (${res.status}): ${await res.text()}`);
  const { access_token: token } = (await res.json()) as { access_token: string };
  return { token, username, password };
}
