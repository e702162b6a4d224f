import { hkdfSync } from 'node:crypto';
import type { UsersApiConfig } from '../users-api.config';

/** Where the authorization server lives and what it serves, from users-api's settings. */
export interface OAuthSettings {
  /** The issuer URL: users-api's public address, named in every token's `iss`. */
  issuer: string;
  /** The one protected resource tokens are minted for: the MCP gateway's `/mcp`. */
  resource: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Keys that sign the flow's cookies and its CSRF tokens. */
  cookieKeys: string[];
  trustProxy: boolean;
  /** Development only: client metadata documents over http on loopback (see LoopbackClientDocuments). */
  allowLoopbackClientDocuments: boolean;
}

export function oauthSettingsFrom(c: UsersApiConfig): OAuthSettings {
  return {
    issuer: c.JWT_ISSUER.replace(/\/$/, ''),
    resource: c.MCP_RESOURCE_URL,
    accessTokenTtlSeconds: c.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: c.REFRESH_TOKEN_TTL_SECONDS,
    // Derived from the signing key, which only users-api holds: no second secret to provision or rotate.
    cookieKeys: [Buffer.from(hkdfSync('sha256', c.JWT_PRIVATE_KEY, 'mercato-oauth', 'cookie-keys', 32)).toString('base64url')],
    trustProxy: c.TRUST_PROXY,
    allowLoopbackClientDocuments: c.OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA && c.NODE_ENV !== 'production',
  };
}
