import { Module } from '@nestjs/common';
import {
  AccessTokenIssuer,
  AuthService,
  CheckoutApprovalsService,
  CheckoutsRepository,
  ConnectedApps,
  ConnectionsService,
  LoginThrottle,
  OrdersUnitOfWork,
  PasswordHasher,
  ProductCache,
  RefreshTokenSecrets,
  RefreshTokensRepository,
  StockCacheInvalidation,
  SystemClock,
  UsersRepository,
} from '@mercato/core';
import { DataModule } from '@mercato/data';
import { JwtAccessTokenIssuer, Sha256RefreshTokenSecrets } from '@mercato/security';
import { ProductCacheModule, RedisModule, ServerModule, VerificationKey } from '@mercato/server';
import { UsersDomainModule } from '@mercato/users';
import { AgentLimitController } from './agent-limit.controller';
import { ApprovalController } from './approvals/approval.controller';
import { AuthController } from './auth.controller';
import { ConnectionsController } from './connections.controller';
import { InteractionController } from './oauth/interaction.controller';
import { OAuthServer } from './oauth/oauth-server';
import { JwksController } from './jwks.controller';
import { signingKeyFrom } from './signing-key';
import { UsersApiConfig } from './users-api.config';
import { UsersController } from './users.controller';

@Module({
  imports: [
    ServerModule.forRoot({
      service: {
        name: 'users-api',
        title: 'Mercato users API',
        description: 'Accounts, sign-in and access tokens for the Mercato platform. Errors are RFC 9457 problem+json.',
      },
      config: UsersApiConfig,
      verificationKey: (c) => VerificationKey.fromConfig(c, signingKeyFrom(c).privateKey),
    }),
    DataModule,
    RedisModule,
    ProductCacheModule,
    UsersDomainModule,
  ],
  controllers: [AuthController, UsersController, ConnectionsController, AgentLimitController, JwksController, InteractionController, ApprovalController],
  providers: [
    OAuthServer,
    { provide: ConnectionsService, inject: [ConnectedApps], useFactory: (apps: ConnectedApps) => new ConnectionsService(apps) },
    {
      provide: AccessTokenIssuer,
      inject: [UsersApiConfig],
      useFactory: (c: UsersApiConfig) => new JwtAccessTokenIssuer({ issuer: c.JWT_ISSUER, ttlSeconds: c.ACCESS_TOKEN_TTL_SECONDS }, signingKeyFrom(c)),
    },
    { provide: RefreshTokenSecrets, useClass: Sha256RefreshTokenSecrets },
    {
      // Declining gives the stock back, so the catalog's cache learns of it as it does from orders-api.
      provide: CheckoutApprovalsService,
      inject: [OrdersUnitOfWork, CheckoutsRepository, ProductCache],
      useFactory: (units: OrdersUnitOfWork, checkouts: CheckoutsRepository, cache: ProductCache) =>
        new CheckoutApprovalsService(new StockCacheInvalidation(units, cache), checkouts, new SystemClock()),
    },
    {
      provide: AuthService,
      inject: [UsersRepository, RefreshTokensRepository, RefreshTokenSecrets, PasswordHasher, AccessTokenIssuer, LoginThrottle, UsersApiConfig],
      useFactory: (
        users: UsersRepository,
        refresh: RefreshTokensRepository,
        secrets: RefreshTokenSecrets,
        hasher: PasswordHasher,
        issuer: AccessTokenIssuer,
        throttle: LoginThrottle,
        c: UsersApiConfig,
      ) => new AuthService(users, refresh, secrets, hasher, issuer, throttle, c.REFRESH_TOKEN_TTL_SECONDS, c.tokenAudiences()),
    },
  ],
})
export class UsersApiModule {}
