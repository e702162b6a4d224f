import { randomUUID, type KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenIssuer, type IssuedAccessToken, type Role } from '@mercato/core';
import * as jwt from 'jsonwebtoken';

export interface AccessTokenSettings {
  issuer: string;
  ttlSeconds: number;
}

export interface SigningKey {
  privateKey: KeyObject;
  keyId: string;
}

/** Signs access tokens as JWTs with users-api's private key; every other service verifies them with the public one. */
export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  constructor(
    private readonly settings: AccessTokenSettings,
    private readonly key: SigningKey,
  ) {
    super();
  }

  issue(user: { id: number; role: Role; tokenVersion: number }, { audience }: { audience: string }): IssuedAccessToken {
    const token = jwt.sign({ role: user.role, ver: user.tokenVersion }, this.key.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.key.keyId,
      issuer: this.settings.issuer,
      audience,
      subject: String(user.id),
      jwtid: randomUUID(),
      expiresIn: this.settings.ttlSeconds,
    });
    return { token, expiresIn: this.settings.ttlSeconds };
  }
}
