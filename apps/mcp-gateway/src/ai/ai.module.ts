import { Module } from '@nestjs/common';
import { SentimentEngine, SentimentService } from '@mercato/core';
import { LexiconSentimentEngine } from '@mercato/sentiment';
import { McpServerModule } from '../mcp/mcp-server.module';
import { AiController } from './ai.controller';
import { AiMcp } from './ai.mcp';

/** Sentiment analysis: the analyze_sentiment tool, and its REST route that runs the tool in process over MCP. */
@Module({
  imports: [McpServerModule],
  controllers: [AiController],
  providers: [
    { provide: SentimentEngine, useClass: LexiconSentimentEngine },
    { provide: SentimentService, inject: [SentimentEngine], useFactory: (engine: SentimentEngine) => new SentimentService(engine) },
    AiMcp,
  ],
})
export class AiModule {}
