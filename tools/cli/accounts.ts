import { Argon2PasswordHasher, UsersService } from '@mercato/core';
import { createDataSource, TypeormRefreshTokensRepository, TypeormUsersRepository } from '@mercato/data';

/** The users service over a short-lived connection, for operator tools (admin CLI, demo seeding). */
export async function withUsersService<T>(databaseUrl: string, work: (users: UsersService) => Promise<T>): Promise<T> {
  const db = await createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'mercato-cli' }).initialize();
  try {
    return await work(new UsersService(new TypeormUsersRepository(db), new TypeormRefreshTokensRepository(db), new Argon2PasswordHasher()));
  } finally {
    await db.destroy();
  }
}
