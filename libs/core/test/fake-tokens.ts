import { AccessTokenIssuer, type AccessClaims, type IssuedAccessToken, RefreshTokenSecrets, type Role, TokenAudiences } from '../src';

/** Unsigned "tokens" that are their claims as JSON, so tests read them back directly; the JWT issuer has its own spec. */
export class ReadableAccessTokens extends AccessTokenIssuer {
  issue(user: { id: number; role: Role; tokenVersion: number }, { audience }: { audience: string }): IssuedAccessToken {
    return { token: JSON.stringify({ sub: String(user.id), role: user.role, ver: user.tokenVersion, aud: audience }), expiresIn: 900 };
  }
}

export const claimsOf = (token: string) => JSON.parse(token) as Pick<AccessClaims, 'sub' | 'role' | 'ver' | 'aud'>;

/** The audiences of the specs: the REST APIs' and one gateway's resource URL. */
export const REST_AUDIENCE = 'mercato';
export const GATEWAY_RESOURCE = 'https://shop.example/mcp';
export const testAudiences = () => new TokenAudiences(REST_AUDIENCE, [GATEWAY_RESOURCE]);

/** Numbered tokens and a visible "hash", so tests run without randomness; the real secrets have their own spec. */
export class CountingRefreshSecrets extends RefreshTokenSecrets {
  private tokens = 0;
  private families = 0;

  create() {
    const token = `refresh-${++this.tokens}`;
    return { token, hash: this.hash(token) };
  }
  hash(token: string) {
    // Reversed, so a stored hash never contains the token it stands for.
    return `hash:${[...token].reverse().join('')}`;
  }
  newFamilyId() {
    return `00000000-0000-4000-8000-${String(++this.families).padStart(12, '0')}`;
  }
}
