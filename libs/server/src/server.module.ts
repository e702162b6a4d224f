import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ActorResolver, UsersRepository } from '@mercato/core';
import { PassportModule } from '@nestjs/passport';
import { DataSource } from 'typeorm';
import { TerminusModule } from '@nestjs/terminus';
import { AccessTokenVerifier } from './auth/access-token-verifier';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy, STRATEGY_NAME, StrategyNameModule } from './auth/jwt.strategy';
import { TokenKeys } from './auth/token-keys';
import { VerificationKey } from './auth/verification-key';
import { ConfigModule } from './config/config.module';
import { ServerConfig } from './config/server-config';
import { findVersion } from './config/version';
import { Drain } from './http/drain';
import { HealthController } from './health/health.controller';
import { AUTH_CHALLENGE, ProblemFilter } from './http/problem.filter';
import { loggingModule } from './logging/logging';
import { type DatabasePool, Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { RedisModule } from './redis/redis.module';
import { SERVICE_INFO, type ServiceInfo } from './service-info';

export interface ServerModuleOptions<C extends ServerConfig> {
  service: Omit<ServiceInfo, 'version'>;
  config: new () => C;
  /** The WWW-Authenticate challenge for 401s (the MCP gateway points clients to its resource metadata). */
  authChallenge?: (config: C) => string;
  /** Where the verification key comes from; users-api passes its signing key, the others read config. */
  verificationKey?: (config: C) => VerificationKey;
}

/**
 * Everything a Mercato HTTP service shares: config, logging, Redis, token verification, errors, health,
 * metrics. Global, so the domain modules beside it can record metrics too.
 */
@Module({})
export class ServerModule {
  static forRoot<C extends ServerConfig>(options: ServerModuleOptions<C>): DynamicModule {
    return {
      global: true,
      module: ServerModule,
      imports: [
        ConfigModule.forRoot(options.config),
        loggingModule(options.service.name),
        RedisModule,
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
          provide: SERVICE_INFO,
          inject: [ServerConfig],
          useFactory: (c: ServerConfig): ServiceInfo => ({ ...options.service, version: findVersion(c.APP_VERSION) }),
        },
        {
          provide: VerificationKey,
          inject: [options.config],
          useFactory: (c: C) => options.verificationKey?.(c) ?? VerificationKey.fromConfig(c),
        },
        // Every service checks each token's user against the shared users table (deactivation, password change).
        { provide: ActorResolver, inject: [UsersRepository], useFactory: (users: UsersRepository) => new ActorResolver(users) },
        {
          provide: Metrics,
          inject: [SERVICE_INFO, DataSource],
          useFactory: (service: ServiceInfo, db: DataSource) => {
            const metrics = new Metrics(service.name);
            // TypeORM's Postgres driver keeps its pg pool as `master`.
            metrics.watchDatabasePool(() => (db.driver as unknown as { master?: DatabasePool }).master);
            return metrics;
          },
        },
        Drain,
        TokenKeys,
        JwtStrategy,
        AccessTokenVerifier,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: AUTH_CHALLENGE, inject: [options.config], useFactory: (c: C) => options.authChallenge?.(c) ?? 'Bearer' },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [SERVICE_INFO, VerificationKey, AccessTokenVerifier, Metrics],
    };
  }
}
