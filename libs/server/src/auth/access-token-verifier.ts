import { Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, type AccessClaims, ActorResolver, type UserActor } from '@mercato/core';
import * as jwt from 'jsonwebtoken';
import { ServerConfig } from '../config/server-config';
import { TokenKeys } from './token-keys';
import { tokenRefusal } from './token-refusal';

/**
 * Token verification outside an HTTP request (the MCP stdio entry): the same checks as the JWT guard —
 * RS256 signature by a key from the same TokenKeys, issuer, audience, expiry — then the same account check,
 * and the same fixed refusals.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly config: ServerConfig,
    private readonly keys: TokenKeys,
    private readonly actors: ActorResolver,
  ) {}

  async actorFor(token: string): Promise<UserActor> {
    return this.actors.resolve(await this.claimsOf(token));
  }

  private async claimsOf(token: string): Promise<AccessClaims> {
    try {
      const key = await this.keys.keyFor(token);
      return jwt.verify(token, key, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      }) as AccessClaims;
    } catch (error) {
      throw tokenRefusal(error);
    }
  }
}
