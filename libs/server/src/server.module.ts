import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ActorResolver, ConnectedApps, UsersRepository } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { AccessTokenVerifier } from './auth/access-token-verifier';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy, STRATEGY_NAME, StrategyNameModule } from './auth/jwt.strategy';
import { TokenKeys } from './auth/token-keys';
import { VerificationKey } from './auth/verification-key';
import { ConfigModule } from './config/config.module';
import { ServerConfig } from './config/server-config';
import { Drain } from './http/drain';
import { HealthController } from './health/health.controller';
import { AUTH_CHALLENGE, ProblemFilter } from './http/problem.filter';
import { loggingModule } from './logging/logging';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { AuthStateCacheModule } from './redis/auth-state-cache.module';
import { RedisModule } from './redis/redis.module';
import type { ServiceInfo } from './service-info';

export interface ServerModuleOptions<C extends ServerConfig> {
  service: Omit<ServiceInfo, 'version'>;
  config: new () => C;
  /** The WWW-Authenticate challenge for 401s (the MCP gateway points clients to its resource metadata). */
  authChallenge?: (config: C) => string;
  /** Where the verification key comes from; users-api passes its signing key, the others read config. */
  verificationKey?: (config: C) => VerificationKey;
}

/**
 * What every Mercato HTTP service has: config and logging (the two global modules), token verification on
 * every route, problem+json errors, health and metrics. It exports the token verifier and metrics for the
 * app's own providers; other modules import what they need themselves.
 */
@Module({})
export class ServerModule {
  static forRoot<C extends ServerConfig>(options: ServerModuleOptions<C>): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        ConfigModule.forRoot(options.config, options.service),
        loggingModule(),
        DataModule,
        RedisModule,
        AuthStateCacheModule,
        MetricsModule,
        StrategyNameModule,
        PassportModule.registerAsync({
          imports: [StrategyNameModule],
          inject: [STRATEGY_NAME],
          useFactory: (name: string) => ({ defaultStrategy: name, session: false }),
        }),
        TerminusModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        {
          provide: VerificationKey,
          inject: [options.config],
          useFactory: (c: C) => options.verificationKey?.(c) ?? VerificationKey.fromConfig(c),
        },
        // Every service checks each token's user against the shared users table (deactivation, password change).
        {
          provide: ActorResolver,
          inject: [UsersRepository, ConnectedApps],
          useFactory: (users: UsersRepository, grants: ConnectedApps) => new ActorResolver(users, grants),
        },
        Drain,
        TokenKeys,
        JwtStrategy,
        AccessTokenVerifier,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: AUTH_CHALLENGE, inject: [options.config], useFactory: (c: C) => options.authChallenge?.(c) ?? 'Bearer' },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [VerificationKey, AccessTokenVerifier, MetricsModule],
    };
  }
}
