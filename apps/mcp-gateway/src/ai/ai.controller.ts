import { Body, Controller, HttpCode, Logger, type OnApplicationShutdown, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyzeSentimentDto, SentimentView } from '@mercato/core';
import { McpClientPool, toolCallError, toolResultError } from '@mercato/mcp';
import { ApiProblems } from '@mercato/server';
import type { FastifyRequest } from 'fastify';

/** Sessions kept open to the gateway's own /mcp; each serves calls one after another. */
const POOL_SIZE = 4;

/**
 * REST over MCP: the route runs the analyze_sentiment tool through a pooled official MCP client session
 * against this gateway's own /mcp endpoint, as the caller, so the REST door and the agent door cannot differ.
 */
@ApiTags('ai')
@Controller('api/v1/ai')
export class AiController implements OnApplicationShutdown {
  private readonly logger = new Logger('AiController');
  private pool?: McpClientPool;

  @Post('sentiment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sentiment of a text (English or Spanish)', description: 'Runs the analyze_sentiment MCP tool for the caller.' })
  @ApiOkResponse({ type: SentimentView })
  @ApiProblems(400, 401, 429, 502)
  async sentiment(@Body() dto: AnalyzeSentimentDto, @Req() request: FastifyRequest): Promise<SentimentView> {
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const reference = String(request.id);
    const result = await this.poolFor(request)
      .callTool(token, 'analyze_sentiment', { ...dto })
      .catch((error: unknown) => {
        this.logger.warn({ err: error, reqId: reference }, 'analyze_sentiment could not be called');
        throw toolCallError(error, reference);
      });
    if (result.isError) {
      this.logger.warn({ reqId: reference, result: result.content }, 'analyze_sentiment reported an error');
      throw toolResultError(result, reference);
    }
    return result.structuredContent as unknown as SentimentView;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }

  /** The pool talks to the address this very request arrived at, so it works on any interface and port. */
  private poolFor(request: FastifyRequest): McpClientPool {
    if (!this.pool) {
      const { localAddress = '127.0.0.1', localPort } = request.socket;
      // Listening on `::`, an IPv4 caller arrives at ::ffff:a.b.c.d; name it as IPv4, the form the Host check knows.
      const address = localAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
      const host = address.includes(':') ? `[${address}]` : address;
      this.pool = new McpClientPool(new URL(`http://${host}:${localPort}/mcp`), POOL_SIZE, 'mercato-rest');
    }
    return this.pool;
  }
}
