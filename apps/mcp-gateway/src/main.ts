import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { McpGatewayConfig } from './mcp-gateway.config';
import { McpGatewayModule } from './mcp-gateway.module';

void bootstrap(McpGatewayModule, McpGatewayConfig);
