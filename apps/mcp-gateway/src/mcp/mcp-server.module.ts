import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { McpCatalog } from '@mercato/mcp';
import { MetricsModule, RedisModule } from '@mercato/server';
import { InProcessMcpClient } from './in-process-mcp-client';
import { McpAccountBudget } from './mcp-account-budget';
import { McpServerFactory } from './mcp-server.factory';

/**
 * The gateway's MCP server, for every door to it: the catalog of every context's contributions, the per-request
 * server factory (/mcp and stdio), the in-process client REST routes run tools with, and the per-account budget
 * both /mcp and those routes spend.
 */
@Module({
  imports: [DiscoveryModule, MetricsModule, RedisModule],
  providers: [McpCatalog, McpServerFactory, InProcessMcpClient, McpAccountBudget],
  // The catalog too: /mcp asks it which permission a request's tool, resource or prompt is listed under.
  exports: [McpCatalog, McpServerFactory, InProcessMcpClient, McpAccountBudget],
})
export class McpServerModule {}
