import { Controller, Delete, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Actor } from '@mercato/core';
import { consumeOrRefuse, type Redis, sharedLimiter } from '@mercato/redis';
import { CurrentActor, REDIS } from '@mercato/server';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { McpGatewayConfig } from './mcp-gateway.config';
import { McpServerFactory } from './mcp/mcp-server.factory';

/**
 * Streamable HTTP, stateless: every POST carries its own JSON-RPC exchange and gets a JSON response, so any
 * replica answers any request. There is no server-initiated stream to GET and no session to DELETE.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController {
  private readonly perAccount: RateLimiterAbstract;

  constructor(
    private readonly servers: McpServerFactory,
    @Inject(McpGatewayConfig) config: McpGatewayConfig,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.perAccount = sharedLimiter(redis, `${config.REDIS_KEY_PREFIX}mcp:account`, config.MCP_REQUESTS_PER_MINUTE, 60);
  }

  @Post()
  async post(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Keyed by the account, not the token: a fresh token from /auth/refresh (or a second sign-in) starts no new budget.
    await consumeOrRefuse(this.perAccount, accountKey(actor), 'MCP requests for this account');
    const server = this.servers.create({ actor: async () => actor, requestId: () => String(request.id) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack(); // the transport writes the response itself
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    reply.raw.setHeader('X-Request-Id', String(request.id));
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  }

  @Get()
  get(@Res() reply: FastifyReply): void {
    this.notAllowed(reply);
  }

  @Delete()
  delete(@Res() reply: FastifyReply): void {
    this.notAllowed(reply);
  }

  private notAllowed(reply: FastifyReply): void {
    void reply
      .status(405)
      .header('Allow', 'POST')
      .type('application/json')
      .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this stateless server accepts POST only' }, id: null });
  }
}

/** The guard lets only signed-in users through to /mcp; the other kinds share one key should that ever change. */
function accountKey(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : actor.kind;
}
