// npm run mcp:stdio — the gateway over stdin/stdout for desktop MCP clients, acting for MERCATO_TOKEN's user.
// stdout carries the protocol, so logs go to stderr.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AccessTokenVerifier } from '@mercato/server';
import { Logger } from 'nestjs-pino';
import { McpGatewayConfig } from './mcp-gateway.config';
import { McpGatewayModule } from './mcp-gateway.module';
import { McpServerFactory } from './mcp/mcp-server.factory';

async function main(): Promise<void> {
  process.env['LOG_DESTINATION'] ??= 'stderr';
  const app = await NestFactory.createApplicationContext(McpGatewayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(McpGatewayConfig);
  const token = config.MERCATO_TOKEN;
  if (!token) throw new Error(`Set MERCATO_TOKEN to an access token from POST /api/v1/auth/login with resource ${config.resourceUrl}`);
  const verifier = app.get(AccessTokenVerifier);
  // Fail at start, with a clear message, rather than on the first call; a token for the REST APIs is refused here
  // as at /mcp, since this verifier accepts only the gateway's own audience.
  await verifier.actorFor(token);
  // The token is checked again on every request, so a deactivated user or an expired token stops working at once.
  const server = app.get(McpServerFactory).create({ actor: () => verifier.actorFor(token), requestId: () => randomUUID() });
  server.onclose = () => void app.close().then(() => process.exit(0));
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  console.error(`mcp:stdio could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
