import { ToBoolean, ToNumber, TokenAudiences } from '@mercato/core';
import { ServerConfig } from '@mercato/server';
import { IsBoolean, IsInt, IsUrl, Matches, Max, Min } from 'class-validator';

export class UsersApiConfig extends ServerConfig {
  override PORT = 3001;

  /** PEM RSA private key that signs access tokens. Only users-api holds it. */
  @Matches(/-----BEGIN (RSA )?PRIVATE KEY-----/, { message: 'JWT_PRIVATE_KEY must be a PEM RSA private key' })
  JWT_PRIVATE_KEY!: string;
  @ToNumber() @IsInt() @Min(60) @Max(3600) ACCESS_TOKEN_TTL_SECONDS = 900;
  @ToNumber() @IsInt() @Min(300) REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /**
   * The MCP gateway's resource URL (its `<PUBLIC_URL>/mcp`): a sign-in naming it as `resource` gets a token for the
   * gateway, whose audience is this URL, instead of one for the REST APIs (RFC 8707).
   */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) MCP_RESOURCE_URL = 'http://localhost:3003/mcp';
  /**
   * Development only: lets a client whose metadata document is served over http on this machine sign in, to test a
   * local client. Ignored, with a warning, when NODE_ENV=production.
   */
  @ToBoolean() @IsBoolean() OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA = false;
  /** OAuth client registrations per client address per hour; past it, 429. */
  @ToNumber() @IsInt() @Min(1) OAUTH_REGISTRATIONS_PER_HOUR_PER_CLIENT = 20;

  /** Sign-ups per client address per hour, shared through Redis; past it, 429. */
  @ToNumber() @IsInt() @Min(1) REGISTRATIONS_PER_HOUR_PER_CLIENT = 20;

  /** What a sign-in may ask tokens for: the REST APIs (no resource), or the MCP gateway. */
  tokenAudiences(): TokenAudiences {
    return new TokenAudiences(this.JWT_AUDIENCE, [this.MCP_RESOURCE_URL]);
  }

  override signsTokens(): boolean {
    return true;
  }
}
