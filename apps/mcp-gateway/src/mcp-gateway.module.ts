import { Module } from '@nestjs/common';
import { SentimentEngine, SentimentService } from '@mercato/core';
import { ProductsDomainModule } from '@mercato/products';
import { LexiconSentimentEngine } from '@mercato/sentiment';
import { RedisModule, ServerModule } from '@mercato/server';
import { UsersDomainModule } from '@mercato/users';
import { AiController } from './ai.controller';
import { McpController } from './mcp.controller';
import { McpGatewayConfig } from './mcp-gateway.config';
import { McpRequestScreen } from './mcp-request-screen';
import { McpServerFactory } from './mcp/mcp-server.factory';
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
    RedisModule,
    UsersDomainModule,
    ProductsDomainModule,
  ],
  controllers: [McpController, ProtectedResourceController, AiController],
  providers: [
    McpServerFactory,
    McpRequestScreen,
    { provide: SentimentEngine, useClass: LexiconSentimentEngine },
    { provide: SentimentService, inject: [SentimentEngine], useFactory: (engine: SentimentEngine) => new SentimentService(engine) },
  ],
})
export class McpGatewayModule {}
