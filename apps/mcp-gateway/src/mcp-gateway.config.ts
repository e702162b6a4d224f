import { ServerConfig } from '@mercato/server';
import { ToNumber } from '@mercato/core';
import { IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';

export class McpGatewayConfig extends ServerConfig {
  override PORT = 3003;

  /**
   * The gateway's public base URL. `<PUBLIC_URL>/mcp` is the protected resource its metadata names, and the one
   * audience it accepts: clients ask users-api for tokens for it (RFC 8707 `resource`), and tokens for the REST
   * APIs are refused here.
   */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) PUBLIC_URL = 'http://localhost:3003';
  /** users-api's public base URL: the authorization server that issues the tokens this gateway accepts. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) AUTHORIZATION_SERVER_URL = 'http://localhost:3001';
  /**
   * Browser origins allowed to call /mcp (comma-separated). Requests without an Origin header (desktop and
   * server-side agents) are allowed; any other origin is refused, which blocks DNS-rebinding attacks.
   */
  @IsString() MCP_ALLOWED_ORIGINS = 'http://localhost,http://127.0.0.1';
  /**
   * Host names /mcp answers to (comma-separated; `name` allows any port, `name:port` only that one). The host of
   * PUBLIC_URL is always added. Any other Host is refused: a DNS-rebinding page reaches the gateway under its
   * own domain name, and browsers send that name as Host.
   */
  @IsString() MCP_ALLOWED_HOSTS = 'localhost,127.0.0.1,[::1]';

  /** MCP requests allowed per account per minute, whatever token it uses, counted across replicas through Redis. */
  @ToNumber() @IsInt() @Min(1) MCP_REQUESTS_PER_MINUTE = 600;

  /** stdio entry only: the access token (for this gateway's resource) of the user the desktop session acts for. */
  @IsOptional() @IsString() MERCATO_TOKEN?: string;

  get allowedOrigins(): Set<string> {
    return new Set(
      this.MCP_ALLOWED_ORIGINS.split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    );
  }

  get allowedHosts(): Set<string> {
    const listed = this.MCP_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    return new Set([...listed, new URL(this.PUBLIC_URL).hostname.toLowerCase()]);
  }

  /** The protected resource this gateway is (RFC 9728), and the audience of the tokens it accepts. */
  get resourceUrl(): string {
    return `${this.publicBase}/mcp`;
  }

  override acceptedAudience(): string {
    return this.resourceUrl;
  }

  get resourceMetadataUrl(): string {
    return `${this.publicBase}/.well-known/oauth-protected-resource`;
  }

  get publicBase(): string {
    return this.PUBLIC_URL.replace(/\/$/, '');
  }
}
