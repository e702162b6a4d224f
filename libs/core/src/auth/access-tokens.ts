import { randomUUID, type KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { Role } from './actor';

/** Asymmetric on purpose: only users-api holds the private key; every other service verifies with the public one. */
export const ACCESS_TOKEN_ALGORITHM = 'RS256';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface SigningKey {
  privateKey: KeyObject;
  keyId: string;
}

/** The claims a verified access token carries. `ver` is the user's token version at issue time. */
export interface AccessClaims {
  sub: string;
  role: Role;
  ver: number;
  jti: string;
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
}

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

export class AccessTokenIssuer {
  constructor(
    private readonly settings: AccessTokenSettings,
    private readonly key: SigningKey,
  ) {}

  issue(user: { id: number; role: Role; tokenVersion: number }): IssuedAccessToken {
    const token = jwt.sign({ role: user.role, ver: user.tokenVersion }, this.key.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.key.keyId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      subject: String(user.id),
      jwtid: randomUUID(),
      expiresIn: this.settings.ttlSeconds,
    });
    return { token, expiresIn: this.settings.ttlSeconds };
  }
}
