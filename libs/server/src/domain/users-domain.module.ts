import { Global, Module } from '@nestjs/common';
import {
  Argon2PasswordHasher,
  PasswordHasher,
  RefreshTokensRepository,
  UsersRepository,
  UsersService,
} from '@mercato/core';
import { ServerConfig } from '../config/server-config';

/**
 * Wires core's user services to whatever implements their ports (libs/data's DataModule in the apps),
 * keeping core itself free of Nest.
 */
@Global()
@Module({
  providers: [
    {
      provide: PasswordHasher,
      inject: [ServerConfig],
      useFactory: (c: ServerConfig) =>
        new Argon2PasswordHasher({
          memoryCost: c.ARGON2_MEMORY_KIB,
          timeCost: c.ARGON2_TIME_COST,
          parallelism: c.ARGON2_PARALLELISM,
          maxConcurrent: c.ARGON2_MAX_CONCURRENCY,
        }),
    },
    {
      provide: UsersService,
      inject: [UsersRepository, RefreshTokensRepository, PasswordHasher],
      useFactory: (u: UsersRepository, r: RefreshTokensRepository, h: PasswordHasher) => new UsersService(u, r, h),
    },
  ],
  exports: [PasswordHasher, UsersService],
})
export class UsersDomainModule {}
