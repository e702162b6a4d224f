import { Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, type AccessClaims, ActorResolver, UnauthenticatedError, type UserActor } from '@mercato/core';
import { JwksClient } from 'jwks-rsa';
import * as jwt from 'jsonwebtoken';
import { ServerConfig } from '../config/server-config';
import { VerificationKey } from './verification-key';

/**
 * Token verification outside an HTTP request (the MCP stdio entry): the same checks as the JWT guard —
 * RS256 signature by the configured key or JWKS, issuer, audience, expiry — then the same account check.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly jwks?: JwksClient;

  constructor(
    private readonly config: ServerConfig,
    private readonly key: VerificationKey,
    private readonly actors: ActorResolver,
  ) {
    if (config.JWT_JWKS_URL) this.jwks = new JwksClient({ jwksUri: config.JWT_JWKS_URL, cache: true, rateLimit: true });
  }

  async actorFor(token: string): Promise<UserActor> {
    const claims = await new Promise<AccessClaims>((resolve, reject) =>
      jwt.verify(
        token,
        (header, done) => {
          if (!this.jwks) return done(null, this.key.publicKey ?? undefined);
          this.jwks.getSigningKey(header.kid).then((k) => done(null, k.getPublicKey()), done);
        },
        { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
        (error, decoded) => (error ? reject(new UnauthenticatedError(`The access token was refused: ${error.message}`)) : resolve(decoded as AccessClaims)),
      ),
    );
    return this.actors.resolve(claims);
  }
}
