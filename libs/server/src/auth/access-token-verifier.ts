import { Injectable } from '@nestjs/common';
import type { UserActor } from '@mercato/core';
import passport from 'passport';
import { JwtStrategy } from './jwt.strategy';
import { acceptedActor } from './token-refusal';

type Middleware = (request: unknown, response: unknown, next: (error?: unknown) => void) => void;

/**
 * Token verification outside an HTTP request (the MCP stdio entry). It runs the HTTP guard's own passport
 * strategy on a request that carries nothing but the token, and reads the outcome as the guard does, so both
 * check the same keys, claims and account, and refuse with the same sentences.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(private readonly strategy: JwtStrategy) {}

  actorFor(token: string): Promise<UserActor> {
    const request = { headers: { authorization: `Bearer ${token}` } };
    return new Promise((resolve, reject) => {
      const authenticate = passport.authenticate(this.strategy.name, { session: false }, (error: unknown, user: UserActor | false, info: unknown) => {
        try {
          resolve(acceptedActor(error, user, info));
        } catch (refusal) {
          reject(refusal);
        }
      }) as Middleware;
      // Only reached when passport itself cannot run the strategy (never for a token it judged).
      authenticate(request, {}, (error) => reject(error ?? new Error('The access token strategy reached no decision')));
    });
  }
}
