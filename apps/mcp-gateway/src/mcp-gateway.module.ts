import { Module } from '@nestjs/common';
import { SentimentEngine, SentimentService } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { LexiconSentimentEngine } from '@mercato/sentiment';
import { ProductsDomainModule, ServerConfig, ServerModule, UsersDomainModule } from '@mercato/server';
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
    DataModule.forRootAsync({
      inject: [ServerConfig],
      useFactory: (c: ServerConfig) => ({ url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE, applicationName: 'mcp-gateway' }),
    }),
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
