import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCOPES } from '@mercato/core';
import { Public } from '@mercato/server';
import { McpGatewayConfig } from './mcp-gateway.config';

/** RFC 9728 protected resource metadata: tells MCP clients which authorization server issues tokens for /mcp. */
@ApiTags('mcp')
@Public()
@Controller('.well-known')
export class ProtectedResourceController {
  constructor(@Inject(McpGatewayConfig) private readonly config: McpGatewayConfig) {}

  @Get(['oauth-protected-resource', 'oauth-protected-resource/mcp'])
  @ApiOperation({ summary: 'OAuth 2.0 protected resource metadata for /mcp (RFC 9728)' })
  @ApiOkResponse({ description: '`{ resource, authorization_servers, bearer_methods_supported, scopes_supported, … }`' })
  metadata() {
    const base = this.config.publicBase;
    return {
      resource: this.config.resourceUrl,
      authorization_servers: [this.config.AUTHORIZATION_SERVER_URL.replace(/\/$/, '')],
      bearer_methods_supported: ['header'],
      // What a client may ask for; each narrows the account's role (core's scope vocabulary).
      scopes_supported: [...SCOPES],
      resource_name: 'Mercato MCP gateway',
      resource_documentation: `${base}/docs`,
    };
  }
}
