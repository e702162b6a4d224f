import { UsersService } from '@mercato/core';
import { createDataSource, TypeormRefreshTokensRepository, TypeormUsersRepository } from '@mercato/data';
import { loadConfig, PasswordChecksConfig } from '@mercato/server';
import { loginThrottleFrom, passwordHasherFrom } from '@mercato/users';

/**
 * The password settings of an operator tool, from the environment like a service's: the same argon2 cost, and
 * the same bound on hashes computed at once (ARGON2_MAX_CONCURRENCY), one hasher for the whole process.
 */
export function operatorPasswordChecks(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(PasswordChecksConfig, env);
  // Operator tools act as the system and check nobody's current password; budgets in memory are enough.
  return { hasher: passwordHasherFrom(config), throttle: loginThrottleFrom(config, null, 'mercato-cli:') };
}

let checks: ReturnType<typeof operatorPasswordChecks> | undefined;

/** The users service over a short-lived connection, for operator tools (admin CLI, demo seeding). */
export async function withUsersService<T>(databaseUrl: string, work: (users: UsersService) => Promise<T>): Promise<T> {
  checks ??= operatorPasswordChecks();
  const db = await createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'mercato-cli' }).initialize();
  try {
    return await work(new UsersService(new TypeormUsersRepository(db), new TypeormRefreshTokensRepository(db), checks.hasher, checks.throttle));
  } finally {
    await db.destroy();
  }
}
