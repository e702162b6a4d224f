import type { Role } from './actor';

/** Asymmetric on purpose: only users-api holds the private key; every other service verifies with the public one. */
export const ACCESS_TOKEN_ALGORITHM = 'RS256';

/** The claims a verified access token carries. `ver` is the user's token version at issue time. */
export interface AccessClaims {
  sub: string;
  role: Role;
  ver: number;
  jti: string;
  iss: string;
  aud: string | string[];
  /** The OAuth grant the token was issued under (tokens from the authorization server only). */
  gid?: string;
  /** The OAuth client the token was issued to (RFC 9068 §2.2); absent on first-party sign-ins. */
  client_id?: string;
  iat: number;
  exp: number;
  /**
   * Space-separated scopes (RFC 9068 §2.2.3) narrowing what the role allows; absent on tokens from
   * `POST /api/v1/auth/login`, which act with the account's full role. See scopes.ts.
   */
  scope?: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/** Signs a short-lived access token for a user, for the service `audience` names; libs/security holds the JWT implementation. */
export abstract class AccessTokenIssuer {
  abstract issue(user: { id: number; role: Role; tokenVersion: number }, token: { audience: string }): IssuedAccessToken;
}
