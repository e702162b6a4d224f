import { Body, Controller, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AnalyzeSentimentDto, SentimentView } from '@mercato/core';
import { toolCallError, toolResultError } from '@mercato/mcp';
import { ApiProblems, CurrentActor } from '@mercato/server';
import type { FastifyRequest } from 'fastify';
import { InProcessMcpClient } from '../mcp/in-process-mcp-client';
import { McpAccountBudget } from '../mcp/mcp-account-budget';

/**
 * REST over MCP: the route runs the analyze_sentiment tool through an official MCP client connected in process
 * to the server /mcp would build for the same caller, so the REST door and the agent door cannot differ. The
 * call spends the caller's MCP budget, as the same call over /mcp would.
 */
@ApiTags('ai')
@Controller('api/v1/ai')
export class AiController {
  private readonly logger = new Logger('AiController');

  constructor(
    private readonly mcp: InProcessMcpClient,
    private readonly budget: McpAccountBudget,
  ) {}

  @Post('sentiment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sentiment of a text (English or Spanish)', description: 'Runs the analyze_sentiment MCP tool for the caller.' })
  @ApiOkResponse({ type: SentimentView })
  @ApiProblems(400, 401, 429, 502)
  async sentiment(@CurrentActor() actor: Actor, @Body() dto: AnalyzeSentimentDto, @Req() request: FastifyRequest): Promise<SentimentView> {
    const reference = String(request.id);
    await this.budget.spend(actor);
    const result = await this.mcp.callTool({ actor, requestId: reference }, 'analyze_sentiment', { ...dto }).catch((error: unknown) => {
      this.logger.warn({ err: error, reqId: reference }, 'analyze_sentiment could not be called');
      throw toolCallError(reference);
    });
    if (result.isError) {
      this.logger.warn({ reqId: reference, result: result.content }, 'analyze_sentiment reported an error');
      throw toolResultError(result, reference);
    }
    return result.structuredContent as unknown as SentimentView;
  }
}
