import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { Actor } from '@mercato/core';
import { SERVICE_INFO, type ServiceInfo } from '@mercato/server';
import { McpServerFactory } from './mcp-server.factory';

/** Who a call is made for: the Actor the route's guard already verified, and that request's id. */
export interface InProcessCaller {
  actor: Actor;
  requestId: string;
}

/**
 * Runs a tool for a REST route through the real MCP protocol, inside this process: an official SDK client and
 * the server /mcp would build for the same caller, joined by the SDK's in-memory transport. The route and an
 * agent thus share the tool, its argument validation and its results, while the caller's token goes nowhere
 * (the MCP specification forbids passing it through) and no HTTP request is made. A client and server per
 * call cost a few objects and an initialize exchange in memory, and leave nothing open between requests.
 */
@Injectable()
export class InProcessMcpClient {
  /** A Client would otherwise compile a new Ajv instance for every call; it only validates listed tools' output. */
  private readonly validator = new AjvJsonSchemaValidator();

  constructor(
    private readonly servers: McpServerFactory,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
  ) {}

  async callTool({ actor, requestId }: InProcessCaller, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const server = this.servers.create({ actor: async () => actor, requestId: () => requestId });
    const client = new Client({ name: 'mercato-rest', version: this.service.version }, { jsonSchemaValidator: this.validator });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    try {
      await server.connect(serverSide);
      await client.connect(clientSide);
      return (await client.callTool({ name, arguments: args })) as CallToolResult;
    } finally {
      // Closing either end closes the linked pair; both are closed so neither outlives the call, even after a failure.
      await client.close();
      await server.close();
    }
  }
}
