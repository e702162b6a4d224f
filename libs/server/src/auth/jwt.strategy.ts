import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, type AccessClaims, ActorResolver } from '@mercato/core';
import passport from 'passport';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import { ServerConfig } from '../config/server-config';
import { TokenKeys } from './token-keys';

/**
 * The passport strategy name of this app instance. Passport keeps strategies in one process-wide registry,
 * so each app registers under its own name: two app instances in one process (tests, a second service)
 * never verify with each other's keys or database.
 */
export const STRATEGY_NAME = Symbol('STRATEGY_NAME');
let instances = 0;

@Module({ providers: [{ provide: STRATEGY_NAME, useFactory: () => `jwt-${++instances}` }], exports: [STRATEGY_NAME] })
export class StrategyNameModule {}

/**
 * The one verification of access tokens: the HTTP guard runs it on every request, the stdio verifier on the
 * token it was started with. It checks the signature (public key or JWKS through TokenKeys, RS256 only, so `alg: none`
 * and HMAC confusion are refused), issuer, expiry and this service's own audience (so a token for another
 * service is refused); then core decides whether the user behind it may still act.
 */
@Injectable()
export class JwtStrategy implements OnApplicationShutdown {
  constructor(
    @Inject(STRATEGY_NAME) readonly name: string,
    config: ServerConfig,
    keys: TokenKeys,
    actors: ActorResolver,
  ) {
    // passport-jwt types the key as a string or Buffer; jsonwebtoken verifies with a KeyObject just as well.
    const secretOrKeyProvider: SecretOrKeyProvider = (_req, token, done) => {
      keys.keyFor(String(token)).then(
        (key) => done(null, key as unknown as string),
        (error: unknown) => done(error),
      );
    };
    const strategy = new Strategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKeyProvider,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: config.JWT_ISSUER,
        audience: config.acceptedAudience(),
      },
      (claims: AccessClaims, done: (error: unknown, user?: unknown) => void) => {
        actors.resolve(claims).then((actor) => done(null, actor), done);
      },
    );
    passport.use(name, strategy);
  }

  // After the HTTP server has drained, so requests still in flight can finish authenticating.
  onApplicationShutdown(): void {
    passport.unuse(this.name);
  }
}
