import type { KeyObject } from 'node:crypto';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { ServerConfig } from '../config/server-config';
import { JwksCache } from './jwks-cache';
import { VerificationKey } from './verification-key';

/** The token is not a JWT at all: there is no header to read a key id from. */
export class MalformedTokenError extends Error {}

/**
 * The one source of the keys access tokens are verified with (by JwtStrategy): the configured public key, or
 * the issuer's JWKS through one shared cache.
 */
@Injectable()
export class TokenKeys implements OnApplicationShutdown {
  private readonly jwks?: JwksCache;

  constructor(
    config: ServerConfig,
    private readonly key: VerificationKey,
  ) {
    if (config.JWT_JWKS_URL) {
      this.jwks = new JwksCache(config.JWT_JWKS_URL, {
        refreshIntervalMs: config.JWT_JWKS_REFRESH_SECONDS * 1000,
        cooldownMs: config.JWT_JWKS_COOLDOWN_SECONDS * 1000,
      });
    }
  }

  /** The key the token says it was signed with; rejects with MalformedTokenError or a JwksCache error. */
  async keyFor(token: string): Promise<KeyObject> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.header !== 'object') throw new MalformedTokenError();
    if (this.jwks) return this.jwks.keyFor(decoded.header.kid);
    if (this.key.publicKey) return this.key.publicKey;
    throw new MalformedTokenError(); // unreachable: config requires a key or a JWKS URL
  }

  onApplicationShutdown(): void {
    this.jwks?.stop();
  }
}
