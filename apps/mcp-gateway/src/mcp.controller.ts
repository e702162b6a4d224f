import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { type Actor, assertScopeAllows } from '@mercato/core';
import { McpCatalog } from '@mercato/mcp';
import { CurrentActor } from '@mercato/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { McpAccountBudget } from './mcp/mcp-account-budget';
import { McpServerFactory } from './mcp/mcp-server.factory';

/**
 * Streamable HTTP, stateless: every POST carries its own JSON-RPC exchange and gets a JSON response, so any
 * replica answers any request. There is no server-initiated stream to GET and no session to DELETE.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController {
  constructor(
    private readonly servers: McpServerFactory,
    private readonly budget: McpAccountBudget,
    private readonly catalog: McpCatalog,
  ) {}

  @Post()
  async post(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.budget.spend(actor);
    this.challengeMissingScope(actor, request.body);
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

  /**
   * MCP 2025-11-25 authorization, "Scope challenge handling": a call the account's role allows but the token's
   * scopes do not is answered HTTP 403 with `WWW-Authenticate: Bearer error="insufficient_scope", scope=…`
   * (the problem mapping adds resource_metadata), so the client can ask the user for more and retry. It must
   * be refused here, as a JSON-RPC answer inside a 200 gives a client nothing to step up from. What the role
   * refuses, and features that name no permission, go on to the MCP server, whose result says why.
   */
  private challengeMissingScope(actor: Actor, message: unknown): void {
    const permission = this.catalog.requirementOf(message);
    if (permission) assertScopeAllows(actor, permission);
  }

  private notAllowed(reply: FastifyReply): void {
    void reply
      .status(405)
      .header('Allow', 'POST')
      .type('application/json')
      .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this stateless server accepts POST only' }, id: null });
  }
}
