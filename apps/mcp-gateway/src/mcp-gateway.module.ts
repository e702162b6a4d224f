import { Module } from '@nestjs/common';
import { OrdersMcpModule } from '@mercato/orders';
import { ProductsMcpModule } from '@mercato/products';
import { ServerModule } from '@mercato/server';
import { UsersMcpModule } from '@mercato/users';
import { AiModule } from './ai/ai.module';
import { McpController } from './mcp.controller';
import { McpGatewayConfig } from './mcp-gateway.config';
import { McpRequestScreen } from './mcp-request-screen';
import { McpServerModule } from './mcp/mcp-server.module';
import { ProtectedResourceController } from './protected-resource.controller';

@Module({
  imports: [
    ServerModule.forRoot({
      service: {
        name: 'mcp-gateway',
        title: 'Mercato MCP gateway',
        description: 'Model Context Protocol server for LLM agents at /mcp (Streamable HTTP), acting with the permissions of the bearer token.',
      },
      config: McpGatewayConfig,
      authChallenge: (c) => `Bearer resource_metadata="${c.resourceMetadataUrl}"`,
    }),
    McpServerModule,
    // Each context's tools, resources and prompts: the catalog finds them in these modules.
    UsersMcpModule,
    ProductsMcpModule,
    OrdersMcpModule,
    AiModule,
  ],
  controllers: [McpController, ProtectedResourceController],
  providers: [McpRequestScreen],
})
export class McpGatewayModule {}
