import { Module } from '@nestjs/common';
import { LoginThrottle, PasswordHasher, RefreshTokensRepository, UsersRepository, UsersService } from '@mercato/core';
import { DataModule } from '@mercato/data';
import type { Redis } from '@mercato/redis';
import { AgentLimitsModule, REDIS, RedisModule, ServerConfig } from '@mercato/server';
import { loginThrottleFrom, passwordHasherFrom } from './password-checks';

/**
 * Wires core's user services to whatever implements their ports (libs/data's DataModule in the apps),
 * keeping core itself free of Nest.
 */
@Module({
  imports: [DataModule, RedisModule, AgentLimitsModule],
  providers: [
    { provide: PasswordHasher, inject: [ServerConfig], useFactory: (c: ServerConfig) => passwordHasherFrom(c) },
    {
      provide: LoginThrottle,
      inject: [ServerConfig, REDIS],
      useFactory: (c: ServerConfig, redis: Redis | null) => loginThrottleFrom(c, redis, c.REDIS_KEY_PREFIX),
    },
    {
      provide: UsersService,
      inject: [UsersRepository, RefreshTokensRepository, PasswordHasher, LoginThrottle],
      useFactory: (u: UsersRepository, r: RefreshTokensRepository, h: PasswordHasher, t: LoginThrottle) => new UsersService(u, r, h, t),
    },
  ],
  exports: [PasswordHasher, LoginThrottle, UsersService, AgentLimitsModule],
})
export class UsersDomainModule {}
